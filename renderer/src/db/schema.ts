// The IndexedDB schema, as an ordered list of versions read top to bottom. Each version states its
// stores and, where the layout changed, how to upgrade existing rows. Never edit a released version:
// add a new one. Every upgrade is tested from every earlier version (tests/unit/db/migrations.test.ts).
import type { Transaction } from 'dexie';
import { BODY_VERSION } from './codec';

/** A stored check-in row. Only `id`, `at` and `day` are indexed; everything else lives in the sealed body. */
export interface CheckInRow {
  readonly id: string;
  readonly at: number;
  readonly day: string;
  readonly codec: string;
  readonly v: number;
  readonly body: unknown;
}

/** One stored Yjs update of a circle's document (append-only; squashed into one row now and then). */
export interface CircleUpdateRow {
  readonly seq?: number;
  readonly circleId: string;
  /** The update as the cipher stored it: the Yjs bytes before a vault exists, a sealed record after. */
  readonly update: unknown;
}

/** This device's own records: its identity keys (private; never leave the device). */
export interface DeviceRow {
  readonly key: string;
  readonly value: unknown;
}

/** What this device knows about a circle it belongs to (its secrets, role, relay): never shared. */
export interface CircleRow {
  readonly id: string;
  readonly value: unknown;
}

export interface SettingRow {
  readonly key: string;
  readonly value: unknown;
}

/** The person's own safety records (today one row, key 'plan': their safety plan). Never shared. */
export interface SafetyRow {
  readonly key: string;
  readonly value: unknown;
}

/** The vault's header (`header`) and the count of wrong attempts (`attempts`). Plain JSON; no secret in it. */
export interface VaultRow {
  readonly key: string;
  readonly value: unknown;
}

export interface SchemaVersion {
  readonly version: number;
  readonly why: string;
  readonly stores: Readonly<Record<string, string | null>>;
  readonly upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    why: 'First journal: check-ins stored as plain objects, indexed by time and day; settings by key.',
    stores: { checkIns: 'id, at, day', settings: 'key' },
  },
  {
    version: 2,
    why: 'Check-ins move into a codec envelope {codec, v, body} so encryption at rest can slot in.',
    stores: { checkIns: 'id, at, day', settings: 'key' },
    upgrade: async (tx) => {
      await tx
        .table('checkIns')
        .toCollection()
        .modify((row: Record<string, unknown>, ref: { value: unknown }) => {
          if ('body' in row && 'codec' in row) return;
          ref.value = { id: row.id, at: row.at, day: row.day, codec: 'plain', v: BODY_VERSION, body: row } satisfies Record<keyof CheckInRow, unknown>;
        });
    },
  },
  {
    version: 3,
    why: 'Circles: this device\'s identity keys, its circles and their Yjs documents (append-only updates per circle).',
    stores: { checkIns: 'id, at, day', settings: 'key', device: 'key', circles: 'id', circleUpdates: '++seq, circleId' },
  },
  {
    version: 4,
    why: 'Safety: a store for the person\'s safety plan (kept on this device only).',
    stores: { checkIns: 'id, at, day', settings: 'key', device: 'key', circles: 'id', circleUpdates: '++seq, circleId', safety: 'key' },
  },
  {
    version: 5,
    why: 'Encryption at rest: a store for the vault header and the count of wrong passcode attempts (no rows are changed here; set-up seals them).',
    stores: { checkIns: 'id, at, day', settings: 'key', device: 'key', circles: 'id', circleUpdates: '++seq, circleId', safety: 'key', vault: 'key' },
  },
];

export const CURRENT_SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 1;
