// Opening links: https only, and only after the person says yes.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openExternalLink, OPEN_LINK_QUESTION, type ExternalLinkDeps } from '../../../electron/main/externalLinks';
import { setLogSink, type LogSink } from '../../../electron/main/log';

let previousSink: LogSink;
beforeAll(() => {
  previousSink = setLogSink(null);
});
afterAll(() => {
  setLogSink(previousSink);
});

function deps(answer: number) {
  return {
    confirm: vi.fn<ExternalLinkDeps['confirm']>(() => Promise.resolve({ response: answer })),
    openExternal: vi.fn<ExternalLinkDeps['openExternal']>(() => Promise.resolve()),
  };
}

describe('openExternalLink', () => {
  it('asks first, showing the link, and opens it when confirmed', async () => {
    const fake = deps(0);
    await expect(openExternalLink('https://findahelpline.com/', fake)).resolves.toBe(true);
    expect(fake.confirm).toHaveBeenCalledWith(expect.objectContaining({ message: OPEN_LINK_QUESTION, detail: 'https://findahelpline.com/', cancelId: 1 }));
    expect(fake.openExternal).toHaveBeenCalledWith('https://findahelpline.com/');
  });

  it('does nothing when the person cancels', async () => {
    const fake = deps(1);
    await expect(openExternalLink('https://example.org/', fake)).resolves.toBe(false);
    expect(fake.openExternal).not.toHaveBeenCalled();
  });

  it('refuses anything but plain https without asking', async () => {
    for (const url of ['http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share', 'https://user:pw@example.org/', 'nonsense']) {
      const fake = deps(0);
      await expect(openExternalLink(url, fake)).resolves.toBe(false);
      expect(fake.confirm).not.toHaveBeenCalled();
      expect(fake.openExternal).not.toHaveBeenCalled();
    }
  });
});
