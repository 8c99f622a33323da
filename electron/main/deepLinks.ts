// hearth:// links opened from outside the app (a browser, a chat app, the file manager). Only invite links
// are understood; the link is handed to the page, which fills in the Join dialog and asks before anything
// is sent. Nothing here parses the code itself: the page does that with the same checks as a pasted code.
import { INVITE_LINK_PREFIX, looksLikeInviteLink } from '@shared/circles/inviteLink';

export const HEARTH_SCHEME = 'hearth';

/** Only the last arguments of a command line are looked at; a link is always passed last. */
const MAX_ARGS = 64;

/** The invite link a URL names, or undefined for anything else (other schemes, other hearth:// paths, oversize). */
export function inviteLinkFromUrl(url: string): string | undefined {
  // Some launchers add a slash before the fragment (hearth://join/#…); the code after '#' is what counts.
  const trimmed = url.trim().replace(/^hearth:\/\/join\/#/i, INVITE_LINK_PREFIX);
  return looksLikeInviteLink(trimmed) ? trimmed : undefined;
}

/**
 * The invite link in a command line: how Windows and Linux pass a clicked hearth:// link, to the first launch
 * and (through 'second-instance') to the running app. The last matching argument wins.
 */
export function inviteLinkFromArgs(args: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const arg of args.slice(-MAX_ARGS)) {
    if (typeof arg !== 'string') continue;
    found = inviteLinkFromUrl(arg) ?? found;
  }
  return found;
}

export interface InviteInbox {
  /** A link arrived; it is delivered now if the page is listening, or kept until it is. */
  receive(link: string): void;
  /** The app is ready to open a window: deliver what waited. */
  ready(): void;
}

/** Keeps the newest link until the app can open a window (a link that starts the app arrives before it is ready). */
export function createInviteInbox(deliver: (link: string) => void): InviteInbox {
  let waiting: string | undefined;
  let isReady = false;
  return {
    receive(link) {
      if (isReady) deliver(link);
      else waiting = link;
    },
    ready() {
      isReady = true;
      if (waiting === undefined) return;
      const link = waiting;
      waiting = undefined;
      deliver(link);
    },
  };
}
