// hearth:// links from outside the app: only invite links are picked out of a command line or an open-url,
// and a link that arrives before the app is ready waits for it.
import { describe, expect, it, vi } from 'vitest';
import { INVITE_LINK_MAX_CHARS } from '@shared/circles/inviteLink';
import { createInviteInbox, inviteLinkFromArgs, inviteLinkFromUrl } from '../../../electron/main/deepLinks';

describe('inviteLinkFromUrl', () => {
  it('accepts invite links, with details, in any case, and the slash some launchers add', () => {
    expect(inviteLinkFromUrl('hearth://join#HR7K2M9Q&relay=ws%3A%2F%2F127.0.0.1%3A4444')).toBe('hearth://join#HR7K2M9Q&relay=ws%3A%2F%2F127.0.0.1%3A4444');
    expect(inviteLinkFromUrl('  HEARTH://JOIN#abc ')).toBe('HEARTH://JOIN#abc');
    expect(inviteLinkFromUrl('hearth://join/#HR7K')).toBe('hearth://join#HR7K');
  });

  it('ignores everything else', () => {
    for (const url of ['hearth://settings', 'https://example.org/#hearth://join#x', 'hearth:join#x', '', 'file:///etc/passwd', '--inspect']) {
      expect(inviteLinkFromUrl(url)).toBeUndefined();
    }
    expect(inviteLinkFromUrl(`hearth://join#${'A'.repeat(INVITE_LINK_MAX_CHARS)}`)).toBeUndefined();
  });
});

describe('inviteLinkFromArgs', () => {
  it('finds the link Windows and Linux pass as an argument, the last one winning', () => {
    expect(inviteLinkFromArgs(['/usr/bin/hearth', '--no-sandbox', 'hearth://join#ONE', 'hearth://join#TWO'])).toBe('hearth://join#TWO');
    expect(inviteLinkFromArgs(['C:\\Hearth\\Hearth.exe', '--allow-file-access-from-files'])).toBeUndefined();
    expect(inviteLinkFromArgs([])).toBeUndefined();
  });
});

describe('createInviteInbox', () => {
  it('holds the newest link until ready, then delivers each link at once', () => {
    const deliver = vi.fn();
    const inbox = createInviteInbox(deliver);
    inbox.receive('hearth://join#OLD');
    inbox.receive('hearth://join#NEW');
    expect(deliver).not.toHaveBeenCalled();
    inbox.ready();
    expect(deliver).toHaveBeenCalledExactlyOnceWith('hearth://join#NEW');
    inbox.receive('hearth://join#LATER');
    expect(deliver).toHaveBeenLastCalledWith('hearth://join#LATER');
    inbox.ready();
    expect(deliver).toHaveBeenCalledTimes(2);
  });
});
