// Registers the main-process side of the IPC contract: each payload and each sender frame is checked
// before a handler sees it, and each response is checked before it goes back.
import { pathToFileURL } from 'node:url';
import type { z } from 'zod';
import {
  EVENT_CHANNELS,
  INVOKE_CHANNELS,
  type EventChannel,
  type EventPayload,
  type InvokeChannel,
  type InvokeResponse,
  type ParsedInvokeRequest,
} from '@shared/ipc/contract';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './appProtocol';
import { createLogger } from './log';
import { redactUrl } from './security';

const log = createLogger('ipc');

/** The parts of Electron's WebFrameMain this module reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
}

/** The parts of Electron's IpcMainInvokeEvent this module reads. */
export interface InvokeEvent {
  readonly senderFrame: SenderFrame | null;
}

/** The parts of Electron's ipcMain this module uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export type IpcHandlers = {
  readonly [C in InvokeChannel]: (request: ParsedInvokeRequest<C>) => Promise<InvokeResponse<C>> | InvokeResponse<C>;
};

/** Thrown back to the renderer when a call is refused; the message says why, never with the payload. */
export class IpcRejection extends Error {
  override readonly name = 'IpcRejection';
}

/**
 * Installs one handler per invoke channel. Calls from a frame that is not the app's own top-level page are
 * refused, as are payloads that do not match the channel's schema. Returns a function that removes them.
 */
export function registerIpcHandlers(ipcMain: IpcMainLike, handlers: IpcHandlers, isTrustedSender: (url: string) => boolean): () => void {
  return registerContract(ipcMain, INVOKE_CHANNELS, handlers, isTrustedSender);
}

/** A set of invoke channels, each with the schema of its request and of its response. */
export type InvokeContract = Readonly<Record<string, { readonly request: z.ZodType; readonly response: z.ZodType }>>;

export type ContractHandlers<T extends InvokeContract> = {
  readonly [C in keyof T]: (request: z.output<T[C]['request']>) => Promise<z.output<T[C]['response']>> | z.output<T[C]['response']>;
};

/**
 * Installs the handlers of one contract, each behind the same checks: the caller must be a top-level frame
 * that `isTrustedSender` accepts, and the request and the response must match their schemas. (The app's
 * page has its contract; the page that moves a journal from the old file:// origin has its own, smaller one.)
 */
export function registerContract<T extends InvokeContract>(
  ipcMain: IpcMainLike,
  contract: T,
  handlers: ContractHandlers<T>,
  isTrustedSender: (url: string) => boolean,
): () => void {
  const channels = Object.keys(contract);
  for (const channel of channels) {
    const entry = contract[channel];
    const handler = handlers[channel] as ((request: unknown) => unknown) | undefined;
    if (entry === undefined || handler === undefined) throw new Error(`no handler for ${channel}`);
    ipcMain.handle(channel, (event, ...args) => handleInvoke(channel, entry, handler, isTrustedSender, event, args));
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}

async function handleInvoke(
  channel: string,
  contract: { readonly request: z.ZodType; readonly response: z.ZodType },
  handler: (request: unknown) => unknown,
  isTrustedSender: (url: string) => boolean,
  event: InvokeEvent,
  args: readonly unknown[],
): Promise<unknown> {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null || !isTrustedSender(frame.url)) {
    log.warn(`refused ${channel}: the caller is not the app's own page`, frame === null ? 'no frame' : redactUrl(frame.url));
    throw new IpcRejection(`${channel} refused: the caller is not the app's own page`);
  }
  if (args.length > 1) throw new IpcRejection(`${channel} refused: expected at most one argument`);
  const request = contract.request.safeParse(args[0]);
  if (!request.success) {
    const issues = request.error.issues.map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ');
    log.warn(`refused ${channel}: invalid payload`, issues);
    throw new IpcRejection(`${channel} refused: invalid payload (${issues})`);
  }
  const result = await handler(request.data);
  const response = contract.response.safeParse(result);
  if (!response.success) {
    log.error(`${channel}: the handler returned a response outside the contract`, response.error.message);
    throw new IpcRejection(`${channel} failed inside the app`);
  }
  return response.data;
}

/** The parts of Electron's WebContents that events are sent through. */
export interface EventTarget {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Sends a main → renderer event after checking its payload against the contract. */
export function sendEvent<E extends EventChannel>(target: EventTarget, channel: E, payload: EventPayload<E>): void {
  const checked = EVENT_CHANNELS[channel].safeParse(payload);
  if (!checked.success) {
    log.error(`not sending ${channel}: payload outside the contract`, checked.error.message);
    return;
  }
  if (target.isDestroyed()) return;
  target.send(channel, checked.data);
}

export interface AppLocation {
  /** The dev server's URL (electron-vite's ELECTRON_RENDERER_URL), only when not packaged. */
  readonly devServerUrl?: string | undefined;
}

/**
 * A check for "this URL is the app's own page": app://hearth/index.html (query and fragment ignored, so
 * in-app routes stay trusted), and the dev server's origin in development. Nothing on file:// is trusted.
 */
export function createAppUrlCheck(location: AppLocation): (url: string) => boolean {
  const devOrigin = location.devServerUrl !== undefined && URL.canParse(location.devServerUrl) ? new URL(location.devServerUrl).origin : null;
  return (url) => {
    if (!URL.canParse(url)) return false;
    const parsed = new URL(url);
    if (devOrigin !== null && parsed.origin === devOrigin) return true;
    if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username !== '' || parsed.password !== '') return false;
    // The raw text too: a parser may fold '/x/../index.html' into the page's path.
    const path = url.slice(APP_ORIGIN.length).split(/[?#]/)[0];
    return (path === '/' || path === '/index.html') && (parsed.pathname === '/' || parsed.pathname === '/index.html');
  };
}

export interface FilePageLocation {
  /** Absolute path of one local HTML file. */
  readonly htmlPath: string;
  /** Windows paths compare without regard to case. */
  readonly caseInsensitivePaths?: boolean;
}

/**
 * A check for "this URL is exactly this local file" (query and fragment ignored): the page that moves a
 * journal from the file:// origin earlier versions used (see storageMigration.ts) is trusted this way, and
 * only on its own channels.
 */
export function createFilePageCheck(location: FilePageLocation): (url: string) => boolean {
  const fold = (path: string): string => (location.caseInsensitivePaths === true ? path.toLowerCase() : path);
  const pagePath = fold(decodeURIComponent(pathToFileURL(location.htmlPath).pathname));
  return (url) => {
    if (!URL.canParse(url)) return false;
    const parsed = new URL(url);
    if (parsed.protocol !== 'file:' || parsed.host !== '') return false;
    return fold(safeDecode(parsed.pathname)) === pagePath;
  };
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch (error) {
    // A malformed escape cannot name our file; keep the raw path so the comparison fails.
    log.warn('malformed escape in a sender URL', error);
    return path;
  }
}
