// Opening a link in the system browser: https only, and only after the person confirms in a native dialog.
import { createLogger } from './log';

const log = createLogger('links');

export interface ExternalLinkDeps {
  /** Shows the native question; resolves with the index of the button chosen. */
  confirm(options: {
    type: 'question';
    message: string;
    detail: string;
    buttons: string[];
    defaultId: number;
    cancelId: number;
    noLink: true;
  }): Promise<{ response: number }>;
  openExternal(url: string): Promise<void>;
}

export const OPEN_LINK_QUESTION = 'Open this link in your browser?';

/** Returns whether the link was opened. Anything but a plain https: URL is refused without asking. */
export async function openExternalLink(url: string, deps: ExternalLinkDeps): Promise<boolean> {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' || parsed.username !== '' || parsed.password !== '' || parsed.hostname === '') {
    log.warn('refused to open a link that is not a plain https: URL');
    return false;
  }
  const { response } = await deps.confirm({
    type: 'question',
    message: OPEN_LINK_QUESTION,
    detail: parsed.href,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    noLink: true,
  });
  if (response !== 0) return false;
  await deps.openExternal(parsed.href);
  return true;
}
