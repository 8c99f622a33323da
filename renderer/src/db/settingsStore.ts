// Reads and writes the person's preferences; damaged stored values fall back to defaults field by field.
import { parseSettings, SettingsSchema, type Settings } from '@shared/settings';
import type { HearthDatabase } from './database';

const KEY = 'preferences';

export class SettingsStore {
  constructor(private readonly db: HearthDatabase) {}

  async get(): Promise<Settings> {
    const row = await this.db.settings.get(KEY);
    return parseSettings(row?.value);
  }

  /** Applies a change to the current settings atomically and returns the result. */
  async update(change: Partial<Settings> | ((current: Settings) => Partial<Settings>)): Promise<Settings> {
    return this.db.transaction('rw', this.db.settings, async () => {
      const current = await this.get();
      const patch = typeof change === 'function' ? change(current) : change;
      const next = SettingsSchema.parse({ ...current, ...patch });
      await this.db.settings.put({ key: KEY, value: next });
      return next;
    });
  }
}
