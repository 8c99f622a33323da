// Reads and writes the person's preferences; damaged stored values fall back to defaults field by field.
// The few appearance values the lock screen needs before unlock (theme, motion) are kept in a plain row
// of their own; every other preference is sealed with the rest of the journal once a vault exists.
import { parseSettings, SettingsSchema, type Settings } from '@shared/settings';
import type { HearthDatabase } from './database';
import { openStoredValue, sameStored, sealValue } from './sealedRows';

export const PREFERENCES_KEY = 'preferences';
/** The plain row: what the lock screen may show before the journal is unlocked. */
export const APPEARANCE_KEY = 'appearance';
export const APPEARANCE_FIELDS = ['theme', 'motion'] as const satisfies readonly (keyof Settings)[];
export type Appearance = Pick<Settings, (typeof APPEARANCE_FIELDS)[number]>;

/** Settings keys that are never sealed (the appearance row); everything else in `settings` is. */
export const PLAIN_SETTING_KEYS: ReadonlySet<string> = new Set([APPEARANCE_KEY]);

export function appearanceOf(settings: Settings): Appearance {
  return { theme: settings.theme, motion: settings.motion };
}

/** Appearance before unlock: the plain row, or (no vault yet, older journal) the plain preferences. */
export async function readAppearance(db: HearthDatabase): Promise<Appearance> {
  const row = await db.settings.get(APPEARANCE_KEY);
  if (row !== undefined) return appearanceOf(parseSettings(row.value));
  if (db.cipher.kind !== 'plain') return appearanceOf(parseSettings(undefined));
  return appearanceOf(parseSettings((await db.settings.get(PREFERENCES_KEY))?.value));
}

const identity = (value: unknown): unknown => value;
const MAX_TRIES = 8;

/** What was last read or written: the stored rows as they were, and the settings they hold. */
interface Known {
  readonly preferences: unknown;
  readonly appearance: unknown;
  readonly settings: Settings;
}

export class SettingsStore {
  /**
   * The last rows seen (the live query reads them on every change), so a change can be sealed and written
   * at once, checked against them, instead of reading and opening first: a toggle's write starts right
   * away, before a quick reload or window close can cut it off. A stale guess only costs a retry.
   */
  private known: Known | null = null;

  constructor(private readonly db: HearthDatabase) {}

  async get(): Promise<Settings> {
    return (await this.read()).settings;
  }

  /** Applies a change to the current settings atomically and returns the result. */
  async update(change: Partial<Settings> | ((current: Settings) => Partial<Settings>)): Promise<Settings> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
      const before = attempt === 0 && this.known !== null ? this.known : await this.read();
      const patch = typeof change === 'function' ? change(before.settings) : change;
      const next = SettingsSchema.parse({ ...before.settings, ...patch });
      const preferences = (await sealValue(this.db, 'settings', PREFERENCES_KEY, next)).value;
      const appearance = appearanceOf(next);
      // Sealing cannot run inside the transaction, so it writes only if nobody changed either row meanwhile.
      const written = await this.db.transaction('rw', this.db.settings, async () => {
        const [now, appearanceNow] = await Promise.all([this.db.settings.get(PREFERENCES_KEY), this.db.settings.get(APPEARANCE_KEY)]);
        if (!sameStored(now?.value, before.preferences) || !sameStored(appearanceNow?.value, before.appearance)) return false;
        await this.db.settings.bulkPut([
          { key: PREFERENCES_KEY, value: preferences },
          { key: APPEARANCE_KEY, value: appearance },
        ]);
        return true;
      });
      if (written) {
        this.known = { preferences, appearance, settings: next };
        return next;
      }
    }
    throw new Error('Your settings could not be saved because another Hearth window kept changing them. Close other windows and try again.');
  }

  private async read(): Promise<Known> {
    const [preferencesRow, appearanceRow] = await Promise.all([this.db.settings.get(PREFERENCES_KEY), this.db.settings.get(APPEARANCE_KEY)]);
    const opened = preferencesRow === undefined ? undefined : await openStoredValue(this.db, 'settings', PREFERENCES_KEY, preferencesRow.value, identity);
    // Unreadable preferences fall back to the defaults (nothing is deleted: the row stays until a change is saved).
    const known = { preferences: preferencesRow?.value, appearance: appearanceRow?.value, settings: this.merge(opened?.ok === true ? opened.value : undefined, appearanceRow?.value) };
    this.known = known;
    return known;
  }

  private merge(preferences: unknown, appearance: unknown): Settings {
    const base = typeof preferences === 'object' && preferences !== null ? preferences : {};
    if (appearance === undefined) return parseSettings(base);
    const plain = parseSettings(appearance);
    return parseSettings({ ...base, ...appearanceOf(plain) });
  }
}
