// The one typed IPC contract between the renderer (through the preload) and the main process: every
// channel, named `area:verb`, with the schema of what crosses it. Main validates each payload against it.
import { z } from 'zod';
import { SignalingUrlSchema } from '../circles/connection';
import { looksLikeInviteLink } from '../circles/inviteLink';
import { ReminderPlanSchema } from '../reminder/schedule';
import { MENU_COMMANDS } from './menu';
import { MigrationChunkRequestSchema, MigrationFinishSchema, MigrationPlanSchema, RawChunkSchema } from './storageMigration';

/** Largest file the app writes or reads through the file channels (64 MiB). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

// Path separators, NUL and other control characters never belong in a suggested file name.
// eslint-disable-next-line no-control-regex
const UNSAFE_FILE_NAME = /[/\\\u0000-\u001f\u007f]/;

export const SaveFileRequestSchema = z.object({
  suggestedName: z
    .string()
    .min(1)
    .max(200)
    .refine((name) => !UNSAFE_FILE_NAME.test(name) && name !== '.' && name !== '..', 'a plain file name, without folders'),
  content: z.string().max(MAX_FILE_BYTES),
  mimeType: z.string().regex(/^[\w.+-]{1,64}\/[\w.+-]{1,64}$/, 'a MIME type like text/csv'),
});

export const SaveFileResultSchema = z.enum(['saved', 'cancelled']);

export const OpenFileRequestSchema = z.object({
  extensions: z
    .array(z.string().regex(/^[A-Za-z0-9]{1,16}$/, 'an extension without the dot, like json'))
    .min(1)
    .max(16),
  maxBytes: z.number().int().positive().max(MAX_FILE_BYTES),
});

export const OpenFileResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('opened'), file: z.object({ name: z.string().max(1024), content: z.string().max(MAX_FILE_BYTES) }) }),
  z.object({ kind: z.literal('cancelled') }),
  z.object({ kind: z.literal('too-large'), bytes: z.number().int().nonnegative() }),
]);

export const OpenExternalRequestSchema = z.object({
  url: z
    .string()
    .max(2048)
    .refine((url) => isHttpsUrl(url), 'an https:// link'),
});

export const NotificationPermissionSchema = z.enum(['granted', 'denied']);

export const MenuCommandSchema = z.enum(MENU_COMMANDS);

/** A circle notification: only its kind crosses (main shows fixed words) and a tag that groups one circle's. */
export const CircleNoticeRequestSchema = z.object({ kind: z.enum(['post', 'reply']), tag: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }).strict();
export const CircleNoticeResultSchema = z.enum(['clicked', 'closed', 'not-shown']);

// zod's URL check parses with the platform's URL parser; the pattern also refuses user:password@ parts,
// which exist mostly to disguise where a link really goes.
const HttpsUrlSchema = z.url({ protocol: /^https$/ }).regex(/^https:\/\/[^/?#@\\]+(?:[/?#]|$)/i);

/** Whether a string is an absolute https: URL (the only kind the app opens outside itself). */
export function isHttpsUrl(text: string): boolean {
  return HttpsUrlSchema.safeParse(text).success;
}

/** The person's choice about hosting a relay in the desktop app. */
export const RelayHostChoiceSchema = z
  .object({
    enabled: z.boolean(),
    /** Let others on this computer's home or office network connect, not only this computer. */
    shareOnNetwork: z.boolean(),
  })
  .strict();
export type RelayHostChoice = z.output<typeof RelayHostChoiceSchema>;

export const RelayHostStatusSchema = z
  .object({
    enabled: z.boolean(),
    shareOnNetwork: z.boolean(),
    /** 'failed': turned on, but it could not start (see problem). */
    state: z.enum(['off', 'running', 'failed']),
    /** The address for this computer while running. */
    localUrl: SignalingUrlSchema.nullable(),
    /** Addresses people on this computer's network can use, while running and shared. */
    networkUrls: z.array(SignalingUrlSchema).max(16),
    /** Why it isn't running, or isn't reachable from the network, in plain words. */
    problem: z.string().max(500).nullable(),
  })
  .strict();
export type RelayHostStatus = z.output<typeof RelayHostStatusSchema>;

// ---- The OS keychain slot (issue 4) ----
// The main process keeps a random 32-byte secret with Electron's safeStorage; only that secret and its sealed
// form cross IPC, never the journal's data key. Bytes travel as base64url without padding.
const Base64UrlSchema = (maxChars: number) => z.string().max(maxChars).regex(/^[A-Za-z0-9_-]+$/, 'base64url text');

/** 'basic-text': Linux's fallback backend, which would keep the secret unprotected on disk, so it is refused. */
export const KEYCHAIN_STATES = ['available', 'basic-text', 'unavailable'] as const;
export type KeychainState = (typeof KEYCHAIN_STATES)[number];

export const KeychainStatusSchema = z
  .object({
    state: z.enum(KEYCHAIN_STATES),
    /** Why it can't be used, in plain words; null when available. */
    message: z.string().max(500).nullable(),
  })
  .strict();
export type KeychainStatus = z.output<typeof KeychainStatusSchema>;

/** A 32-byte secret: 43 base64url characters. */
export const KeychainSecretSchema = Base64UrlSchema(43).length(43);
/** What safeStorage returned for the secret, carried opaquely in the vault header (at most 4096 bytes). */
export const KeychainSealedSchema = Base64UrlSchema(5462).min(1);

export const KeychainCreateResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), secret: KeychainSecretSchema, sealed: KeychainSealedSchema }).strict(),
  z.object({ ok: z.literal(false), message: z.string().max(500) }).strict(),
]);
export type KeychainCreateResult = z.output<typeof KeychainCreateResultSchema>;

export const KeychainOpenRequestSchema = z.object({ sealed: KeychainSealedSchema }).strict();
export const KeychainOpenResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), secret: KeychainSecretSchema }).strict(),
  z.object({ ok: z.literal(false), message: z.string().max(500) }).strict(),
]);
export type KeychainOpenResult = z.output<typeof KeychainOpenResultSchema>;

/** Request/response channels (renderer → main, `ipcRenderer.invoke` / `ipcMain.handle`). */
export const INVOKE_CHANNELS = {
  'file:save': { request: SaveFileRequestSchema, response: SaveFileResultSchema },
  'file:open': { request: OpenFileRequestSchema, response: OpenFileResultSchema },
  'reminder:configure': { request: ReminderPlanSchema, response: z.null() },
  'notification:permission': { request: z.undefined(), response: NotificationPermissionSchema },
  'notification:circle': { request: CircleNoticeRequestSchema, response: CircleNoticeResultSchema },
  'shell:open-external': { request: OpenExternalRequestSchema, response: z.null() },
  'relay:status': { request: z.undefined(), response: RelayHostStatusSchema },
  'relay:configure': { request: RelayHostChoiceSchema, response: RelayHostStatusSchema },
  'keychain:status': { request: z.undefined(), response: KeychainStatusSchema },
  'keychain:create': { request: z.undefined(), response: KeychainCreateResultSchema },
  'keychain:open': { request: KeychainOpenRequestSchema, response: KeychainOpenResultSchema },
  // Carrying the journal over from the file:// origin of earlier versions, once (electron/main/storageMigration.ts).
  'storage:migration-plan': { request: z.undefined(), response: MigrationPlanSchema },
  'storage:migration-chunk': { request: MigrationChunkRequestSchema, response: RawChunkSchema },
  'storage:migration-finish': { request: MigrationFinishSchema, response: z.null() },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** A hearth://join link opened from outside the app; the page parses the code itself, as if pasted. */
export const InviteLinkEventSchema = z.string().refine(looksLikeInviteLink, 'not an invite link');

/** Event channels (main → renderer, `webContents.send`). */
export const EVENT_CHANNELS = {
  'menu:command': MenuCommandSchema,
  'invite:open': InviteLinkEventSchema,
} as const satisfies Record<string, z.ZodType>;

export type InvokeChannel = keyof typeof INVOKE_CHANNELS;
export type EventChannel = keyof typeof EVENT_CHANNELS;

/** What the renderer sends on a channel. */
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof INVOKE_CHANNELS)[C]['request']>;
/** What a main-process handler receives once the request is parsed. */
export type ParsedInvokeRequest<C extends InvokeChannel> = z.output<(typeof INVOKE_CHANNELS)[C]['request']>;
/** What the renderer gets back. */
export type InvokeResponse<C extends InvokeChannel> = z.output<(typeof INVOKE_CHANNELS)[C]['response']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof EVENT_CHANNELS)[E]>;

export function isInvokeChannel(value: string): value is InvokeChannel {
  return Object.hasOwn(INVOKE_CHANNELS, value);
}

/**
 * The preload's API method for each invoke channel. The preload exposes exactly these names (plus the
 * event subscriptions below) on `window.hearth`.
 */
export const API_METHODS = {
  saveFile: 'file:save',
  openFile: 'file:open',
  configureReminder: 'reminder:configure',
  notificationPermission: 'notification:permission',
  showCircleNotice: 'notification:circle',
  openExternal: 'shell:open-external',
  relayHostStatus: 'relay:status',
  configureRelayHost: 'relay:configure',
  keychainStatus: 'keychain:status',
  createKeychainSecret: 'keychain:create',
  openKeychainSecret: 'keychain:open',
  earlierJournalPlan: 'storage:migration-plan',
  earlierJournalChunk: 'storage:migration-chunk',
  finishEarlierJournal: 'storage:migration-finish',
} as const satisfies Record<string, InvokeChannel>;

type ApiMethod<C extends InvokeChannel> = [InvokeRequest<C>] extends [undefined]
  ? () => Promise<InvokeResponse<C>>
  : (request: InvokeRequest<C>) => Promise<InvokeResponse<C>>;

/** `window.hearth`: one object of named, typed functions. It never exposes ipcRenderer itself. */
export type HearthApi = { readonly [M in keyof typeof API_METHODS]: ApiMethod<(typeof API_METHODS)[M]> } & {
  /** Commands from the app menu and from clicking a reminder. Returns an unsubscribe function. */
  readonly onMenuCommand: (listener: (command: EventPayload<'menu:command'>) => void) => () => void;
  /** hearth://join links opened from outside the app, to fill in the Join dialog. Returns an unsubscribe function. */
  readonly onInviteLink: (listener: (link: EventPayload<'invite:open'>) => void) => () => void;
};

/** The global name the preload exposes its API under. */
export const API_GLOBAL = 'hearth';
