// What the renderer needs from the operating system. In Electron it is backed by the preload API
// (see electron.ts); in the browser preview by web equivalents (see web.ts). Features use only this.
import type { ReminderSettings } from '@shared/reminder/settings';
import type { KeychainStatus, RelayHostChoice, RelayHostStatus } from '@shared/ipc/contract';
import type { MenuCommand } from '@shared/ipc/menu';
import type { MigrationFinish, MigrationPlan } from '@shared/ipc/storageMigration';
import type { RawChunk } from '@shared/storage/rawRecords';

export interface SaveFileRequest {
  readonly suggestedName: string;
  readonly content: string;
  /** e.g. 'application/json', 'text/markdown', 'text/csv' */
  readonly mimeType: string;
}

export interface OpenedFile {
  readonly name: string;
  readonly content: string;
}

export interface OpenFileRequest {
  /** File extensions without the dot, e.g. ['json']. */
  readonly extensions: readonly string[];
  /** Files larger than this are refused with a clear message before being read. */
  readonly maxBytes: number;
}

export type OpenFileResult = { readonly kind: 'opened'; readonly file: OpenedFile } | { readonly kind: 'cancelled' } | { readonly kind: 'too-large'; readonly bytes: number };

export interface ReminderPlan {
  readonly settings: ReminderSettings;
  /** The local day (YYYY-MM-DD) the person already checked in on, so today's reminder can be skipped. */
  readonly checkedInDay: string | null;
}

/** The relay the desktop app can host for circles ("Host a relay on this computer"). */
export interface RelayHostControl {
  status(): Promise<RelayHostStatus>;
  /** Remembers the choice and applies it; resolves with the status once started or stopped. */
  configure(choice: RelayHostChoice): Promise<RelayHostStatus>;
}

/**
 * The OS keychain (desktop only): keeps a random secret that can open the journal instead of the passcode.
 * `sealed` is the keychain's ciphertext of the secret, kept in the vault header; the secret itself never is.
 */
export interface KeychainControl {
  status(): Promise<KeychainStatus>;
  create(): Promise<{ readonly ok: true; readonly secret: Uint8Array; readonly sealed: string } | { readonly ok: false; readonly message: string }>;
  open(sealed: string): Promise<{ readonly ok: true; readonly secret: Uint8Array } | { readonly ok: false; readonly message: string }>;
}

/** A circle notification: which kind only; the words are fixed and say nothing about the content or circle. */
export type CircleNoticeKind = 'post' | 'reply';

/**
 * The journal earlier desktop versions kept on their file:// origin, offered once to this page (which is on
 * app://hearth) before it opens its own database. See renderer/src/db/earlierJournal.ts.
 */
export interface EarlierJournalSource {
  plan(): Promise<MigrationPlan>;
  chunk(index: number): Promise<RawChunk>;
  finish(outcome: MigrationFinish['outcome']): Promise<void>;
}

export interface Platform {
  readonly kind: 'electron' | 'web';
  saveFile(request: SaveFileRequest): Promise<'saved' | 'cancelled'>;
  openFile(request: OpenFileRequest): Promise<OpenFileResult>;
  /** Schedules (or cancels) the daily check-in reminder. */
  configureReminder(plan: ReminderPlan): Promise<void>;
  /** Whether reminders can be shown; 'prompt' means asking will show the OS/browser question. */
  notificationPermission(): Promise<'granted' | 'denied' | 'prompt'>;
  requestNotificationPermission(): Promise<'granted' | 'denied' | 'prompt'>;
  /**
   * Shows one circle notification (replacing an earlier one for the same `tag`). Resolves 'clicked' when
   * the person clicks it (the window is brought to the front), 'closed' when it goes away unclicked, or
   * 'not-shown' when notifications are not allowed.
   */
  showCircleNotice(kind: CircleNoticeKind, tag: string): Promise<'clicked' | 'closed' | 'not-shown'>;
  /** Opens an https link in the system browser after the person confirms. */
  openExternal(url: string): Promise<void>;
  /** Commands from the app menu and from clicking a reminder. Returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** hearth://join links opened from outside the app (desktop only). Returns an unsubscribe function. */
  onInviteLink(listener: (link: string) => void): () => void;
  /** Null where the app can't host a relay (the browser preview, whose start script runs one beside it). */
  readonly relayHost: RelayHostControl | null;
  /** Null in the browser preview, which has no OS keychain. */
  readonly keychain: KeychainControl | null;
  /** Null where there never was an earlier origin (the browser preview). */
  readonly earlierJournal: EarlierJournalSource | null;
}
