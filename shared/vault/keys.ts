// The vault header: a random data key wrapped by the passcode (Argon2id), by a printable recovery key and,
// optionally, by a secret the OS keychain keeps. Create, unlock, change the passcode, add a keychain slot.
import { argon2id } from 'hash-wasm';
import { z } from 'zod';
import { bytesEqual, canonicalJson, CROCKFORD_ALPHABET, crockfordValue, fromBase64Url, randomBytes, sha256, toBase64Url, toCrockford, utf8, type Bytes } from '../circles/bytes';
import { checkSymbols } from '../circles/invite';
import { hkdfBytes } from '../circles/kdf';

export const VAULT_FORMAT = 'hearth-vault';
export const VAULT_FORMAT_VERSION = 1;

/** The unlocked data key. `key` is not extractable: records are sealed with it, never exported. */
export interface VaultKey {
  readonly key: CryptoKey;
  /** 8 random bytes naming this data key; records carry its first bytes. */
  readonly keyId: Bytes;
}

export interface Argon2Params {
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/** What issue 4 asks for: 64 MiB, t=3, p=1. New headers use it; older, weaker ones are rehashed on unlock. */
export const PASSCODE_KDF: Argon2Params = { memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 };

/**
 * Bounds a header may ask for. A tampered or damaged header asking for 4 GiB or a billion passes is
 * refused before any derivation. The floor is low so tests can run fast; needsRehash flags anything weaker
 * than PASSCODE_KDF.
 */
export const ARGON2_BOUNDS = {
  memoryKiB: { min: 8, max: 1024 * 1024 },
  iterations: { min: 1, max: 64 },
  parallelism: { min: 1, max: 4 },
} as const;

export function needsRehash(params: Argon2Params, target: Argon2Params = PASSCODE_KDF): boolean {
  return params.memoryKiB < target.memoryKiB || params.iterations < target.iterations;
}

// ---- Header schema ----

const b64 = (min: number, max: number) =>
  z
    .string()
    .max(Math.ceil((max * 4) / 3))
    .transform((text, ctx) => {
      const bytes = fromBase64Url(text);
      if (bytes === null || bytes.length < min || bytes.length > max) {
        ctx.addIssue({ code: 'custom', message: 'bad bytes' });
        return z.NEVER;
      }
      return bytes;
    });
const int = (bounds: { min: number; max: number }) => z.number().int().min(bounds.min).max(bounds.max);

/** A wrapped data key: AES-GCM of the 32 key bytes (+16 tag) under a slot's key, with its own IV. */
const WrapSchema = { iv: b64(12, 12), wrapped: b64(48, 48) };

const HeaderSchema = z.strictObject({
  format: z.literal(VAULT_FORMAT),
  v: z.literal(VAULT_FORMAT_VERSION),
  keyId: b64(8, 8),
  passcode: z.strictObject({
    kdf: z.literal('argon2id'),
    memoryKiB: int(ARGON2_BOUNDS.memoryKiB),
    iterations: int(ARGON2_BOUNDS.iterations),
    parallelism: int(ARGON2_BOUNDS.parallelism),
    salt: b64(16, 16),
    ...WrapSchema,
  }),
  recovery: z.strictObject(WrapSchema),
  /** `sealed` is whatever the main process's safeStorage returned for the keychain secret; carried as is. */
  keychain: z.strictObject({ sealed: b64(1, 4096), ...WrapSchema }).optional(),
  /** First 16 bytes of SHA-256 over the rest: catches accidental damage before any slow derivation. */
  check: b64(16, 16),
});

/** The header as it is stored (IndexedDB row or backup file): plain JSON, bytes as base64url. */
export type StoredHeader = z.input<typeof HeaderSchema>;
type Header = z.output<typeof HeaderSchema>;

async function headerCheck(header: Omit<StoredHeader, 'check'>): Promise<string> {
  return toBase64Url((await sha256(utf8(canonicalJson(header)))).slice(0, 16));
}

type HeaderResult = { ok: true; header: Header; stored: StoredHeader } | { ok: false; reason: 'damaged' | 'unsupported' };

async function readHeader(stored: unknown): Promise<HeaderResult> {
  if (typeof stored === 'object' && stored !== null && 'v' in stored && typeof stored.v === 'number' && stored.v > VAULT_FORMAT_VERSION) {
    return { ok: false, reason: 'unsupported' };
  }
  const parsed = HeaderSchema.safeParse(stored);
  if (!parsed.success) return { ok: false, reason: 'damaged' };
  const input = toStored(parsed.data);
  if (input.check !== (await sealHeader(input)).check) return { ok: false, reason: 'damaged' };
  return { ok: true, header: parsed.data, stored: input };
}

/** The stored form again; base64url decoding is canonical, so this gives back exactly the text that was read. */
function toStored(header: Header): StoredHeader {
  const wrapOf = (slot: { iv: Bytes; wrapped: Bytes }) => ({ iv: toBase64Url(slot.iv), wrapped: toBase64Url(slot.wrapped) });
  const { passcode, keychain } = header;
  return {
    format: header.format,
    v: header.v,
    keyId: toBase64Url(header.keyId),
    passcode: { kdf: passcode.kdf, memoryKiB: passcode.memoryKiB, iterations: passcode.iterations, parallelism: passcode.parallelism, salt: toBase64Url(passcode.salt), ...wrapOf(passcode) },
    recovery: wrapOf(header.recovery),
    ...(keychain === undefined ? {} : { keychain: { sealed: toBase64Url(keychain.sealed), ...wrapOf(keychain) } }),
    check: toBase64Url(header.check),
  };
}

/** Recomputes the check over every field but a previous check (which a spread copy may still carry). */
async function sealHeader(header: Omit<StoredHeader, 'check'> & { check?: string }): Promise<StoredHeader> {
  const rest: Omit<StoredHeader, 'check'> = {
    format: header.format,
    v: header.v,
    keyId: header.keyId,
    passcode: header.passcode,
    recovery: header.recovery,
    ...(header.keychain === undefined ? {} : { keychain: header.keychain }),
  };
  return { ...rest, check: await headerCheck(rest) };
}

// ---- Slot keys and wrapping ----

const subtle = (): SubtleCrypto => globalThis.crypto.subtle;
type Slot = 'passcode' | 'recovery' | 'keychain';

async function wrappingKey(bytes: Bytes): Promise<CryptoKey> {
  return subtle().importKey('raw', bytes, 'AES-GCM', false, ['wrapKey', 'unwrapKey']);
}

/** Binds a wrapped key to its slot, the key id and (for the passcode) every derivation parameter. */
function wrapData(slot: Slot, keyId: string, params: readonly (string | number)[] = []): Bytes {
  return utf8(JSON.stringify(['hearth-vault-wrap', VAULT_FORMAT_VERSION, slot, keyId, ...params]));
}

function passcodeParams(p: Argon2Params & { salt: string }): (string | number)[] {
  return ['argon2id', p.memoryKiB, p.iterations, p.parallelism, p.salt];
}

async function wrap(dataKey: CryptoKey, slotKey: Bytes, aad: Bytes): Promise<{ iv: string; wrapped: string }> {
  const iv = randomBytes(12);
  const wrapped = await subtle().wrapKey('raw', dataKey, await wrappingKey(slotKey), { name: 'AES-GCM', iv, additionalData: aad });
  return { iv: toBase64Url(iv), wrapped: toBase64Url(new Uint8Array(wrapped)) };
}

/** The data key, or null when the slot key is wrong or the wrapped bytes were altered. */
async function unwrap(slot: { iv: Bytes; wrapped: Bytes }, slotKey: Bytes, aad: Bytes, extractable: boolean): Promise<CryptoKey | null> {
  try {
    return await subtle().unwrapKey('raw', slot.wrapped, await wrappingKey(slotKey), { name: 'AES-GCM', iv: slot.iv, additionalData: aad }, 'AES-GCM', extractable, ['encrypt', 'decrypt']);
  } catch (error) {
    // A failed authentication (OperationError) is the answer "not this key"; anything else is a bug.
    if (error instanceof Error && error.name === 'OperationError') return null;
    throw error;
  }
}

/**
 * Argon2id of a passcode. The app runs it in a Web Worker so the window stays responsive; tests pass
 * `passcodeKey` itself. Every function here that derives takes one (default: `passcodeKey`, in this thread).
 */
export type PasscodeDerive = (passcode: string, salt: Bytes, params: Argon2Params) => Promise<Bytes>;

/** Passcodes are NFC-normalised so the same characters typed on another keyboard give the same key. */
export async function passcodeKey(passcode: string, salt: Bytes, params: Argon2Params): Promise<Bytes> {
  if (passcode === '') throw new TypeError('passcodeKey: the passcode is empty (check passcodeProblem first)');
  const out = await argon2id({
    password: utf8(passcode.normalize('NFC')),
    salt,
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
  return new Uint8Array(out);
}

async function recoverySlotKey(secret: Bytes): Promise<Bytes> {
  return hkdfBytes(secret, VAULT_FORMAT, 'recovery-key', [], 32);
}
async function keychainSlotKey(secret: Bytes): Promise<Bytes> {
  return hkdfBytes(secret, VAULT_FORMAT, 'keychain-secret', [], 32);
}

// ---- Recovery key: 160 random bits as two blocks of 16 Crockford symbols, each with two check symbols ----
// Two blocks keep each within the check code's 31-symbol length, so any one or two typos are caught.

const BLOCK_DATA = 16;
const BLOCK = BLOCK_DATA + 2;
export const RECOVERY_KEY_CHARS = 2 * BLOCK;

function symbolsToText(symbols: readonly number[]): string {
  return symbols.map((s) => CROCKFORD_ALPHABET[s] ?? '').join('');
}

function formatRecovery(data: readonly number[]): string {
  const first = data.slice(0, BLOCK_DATA);
  const second = data.slice(BLOCK_DATA);
  const plain = symbolsToText([...first, ...checkSymbols(first), ...second, ...checkSymbols(second)]);
  return plain.match(/.{1,4}/g)?.join('-') ?? plain;
}

/** The secret behind a recovery key: its 32 data symbols as text, so formatting never changes it. */
function recoverySecret(data: readonly number[]): Bytes {
  return utf8(symbolsToText(data));
}

export type ParseRecoveryKeyResult = { ok: true; key: string; secret: Bytes } | { ok: false; message: string };

/** Reads a recovery key as typed: any case, spaces or hyphens anywhere, I/L for 1 and O for 0. Never throws. */
export function parseRecoveryKey(text: string): ParseRecoveryKeyResult {
  const symbols: number[] = [];
  for (const char of text) {
    if (char === '-' || /\s/.test(char)) continue;
    const value = crockfordValue(char);
    if (value === undefined) return { ok: false, message: `A recovery key never contains “${char}”. It uses the digits 0–9 and letters except I, L, O and U.` };
    symbols.push(value);
  }
  if (symbols.length === 0) return { ok: false, message: 'Type the recovery key you printed or wrote down when you set up the lock.' };
  if (symbols.length < RECOVERY_KEY_CHARS) return { ok: false, message: 'That recovery key looks too short — check that every group is there.' };
  if (symbols.length > RECOVERY_KEY_CHARS) return { ok: false, message: 'That recovery key is longer than it should be — check for extra characters.' };
  const data: number[] = [];
  for (const start of [0, BLOCK]) {
    const block = symbols.slice(start, start + BLOCK_DATA);
    const [c1, c0] = checkSymbols(block);
    if (symbols[start + BLOCK_DATA] !== c1 || symbols[start + BLOCK_DATA + 1] !== c0) {
      const half = start === 0 ? 'first' : 'second';
      return { ok: false, message: `That recovery key doesn’t check out — a character in its ${half} half is probably mistyped. Compare it with your copy.` };
    }
    data.push(...block);
  }
  return { ok: true, key: formatRecovery(data), secret: recoverySecret(data) };
}

function newRecoveryKey(): { key: string; secret: Bytes } {
  const data = [...toCrockford(randomBytes(20))].map((char) => crockfordValue(char) ?? 0);
  return { key: formatRecovery(data), secret: recoverySecret(data) };
}

// ---- Creating and unlocking ----

export type UnlockFailure = 'wrong-passcode' | 'wrong-recovery-key' | 'wrong-keychain' | 'no-keychain' | 'damaged' | 'unsupported';
export type UnlockResult = { ok: true; vault: VaultKey; rewrap: RewrapKey; needsRehash: boolean } | { ok: false; reason: UnlockFailure; message: string };

export const UNLOCK_MESSAGES: Readonly<Record<UnlockFailure, string>> = {
  'wrong-passcode': 'That passcode didn’t unlock your journal. Check Caps Lock and try again — nothing has been lost.',
  'wrong-recovery-key': 'That recovery key belongs to a different journal, or to an earlier lock. Nothing has been lost.',
  'wrong-keychain': 'Your computer’s keychain no longer opens this journal (perhaps it was reset or moved). Use your passcode instead — nothing has been lost.',
  'no-keychain': 'This journal isn’t set to open with your computer’s keychain. Use your passcode.',
  damaged: 'The journal’s lock information is damaged, so Hearth can’t check a passcode against it. Nothing has been changed; restoring a backup of your profile will bring it back.',
  unsupported: 'This journal was locked by a newer version of Hearth. Update Hearth to open it; nothing has been changed.',
};

function refuse(reason: UnlockFailure): { ok: false; reason: UnlockFailure; message: string } {
  return { ok: false, reason, message: UNLOCK_MESSAGES[reason] };
}

/**
 * The data key in a form that can be wrapped again, held only by the vault controller while the journal is
 * unlocked so that changing the passcode, making a new recovery key or turning the keychain on needs no
 * second passcode entry (after a recovery-key unlock the old passcode is, by definition, unknown). Records
 * are never sealed with it; `VaultKey.key` stays non-extractable.
 */
export interface RewrapKey {
  readonly dataKey: CryptoKey;
  readonly keyId: Bytes;
}

export interface CreatedVault {
  readonly header: StoredHeader;
  /** Show once, for printing or writing down; Hearth keeps no copy, and there is no recovery without it. */
  readonly recoveryKey: string;
  readonly vault: VaultKey;
  readonly rewrap: RewrapKey;
}

async function passcodeSlot(dataKey: CryptoKey, keyId: string, passcode: string, params: Argon2Params, derive: PasscodeDerive): Promise<StoredHeader['passcode']> {
  const salt = toBase64Url(randomBytes(16));
  const full = { ...params, salt };
  const derived = await derive(passcode, fromBase64Url(salt) ?? new Uint8Array(0), params);
  return { kdf: 'argon2id', ...full, ...(await wrap(dataKey, derived, wrapData('passcode', keyId, passcodeParams(full)))) };
}

/** A new vault: a fresh data key, wrapped by the passcode and a new recovery key. Check passcodeProblem first. */
export async function createVault(passcode: string, params: Argon2Params = PASSCODE_KDF, derive: PasscodeDerive = passcodeKey): Promise<CreatedVault> {
  // Extractable only so it can be wrapped here; the key handed back is a non-extractable copy.
  const dataKey = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
  const keyIdBytes = randomBytes(8);
  const keyId = toBase64Url(keyIdBytes);
  const recovery = newRecoveryKey();
  const header = await sealHeader({
    format: VAULT_FORMAT,
    v: VAULT_FORMAT_VERSION,
    keyId,
    passcode: await passcodeSlot(dataKey, keyId, passcode, params, derive),
    recovery: await wrap(dataKey, await recoverySlotKey(recovery.secret), wrapData('recovery', keyId)),
  });
  return { header, recoveryKey: recovery.key, vault: { key: await nonExtractableCopy(dataKey), keyId: keyIdBytes }, rewrap: { dataKey, keyId: keyIdBytes } };
}

async function nonExtractableCopy(dataKey: CryptoKey): Promise<CryptoKey> {
  const raw = new Uint8Array(await subtle().exportKey('raw', dataKey));
  const key = await subtle().importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  raw.fill(0);
  return key;
}

/**
 * How the person proves they may open the vault, or (`rewrap`) the key of a vault already open in this
 * window, for changes made while unlocked.
 */
export type Credential = { passcode: string } | { recoveryKey: string } | { keychainSecret: Bytes } | { rewrap: RewrapKey };

async function unlockKey(header: Header, credential: Credential, extractable: boolean, derive: PasscodeDerive): Promise<{ ok: true; key: CryptoKey } | { ok: false; reason: UnlockFailure }> {
  const keyId = toBase64Url(header.keyId);
  if ('rewrap' in credential) {
    // Another journal's key (a header restored from elsewhere) must not be wrapped into this one.
    if (!bytesEqual(credential.rewrap.keyId, header.keyId) || !credential.rewrap.dataKey.extractable) return { ok: false, reason: 'damaged' };
    return { ok: true, key: credential.rewrap.dataKey };
  }
  if ('passcode' in credential) {
    // Argon2 refuses an empty input, and no vault is ever created with one.
    if (credential.passcode === '') return { ok: false, reason: 'wrong-passcode' };
    const p = header.passcode;
    const derived = await derive(credential.passcode, p.salt, p);
    const params = passcodeParams({ ...p, salt: toBase64Url(p.salt) });
    const key = await unwrap(p, derived, wrapData('passcode', keyId, params), extractable);
    return key === null ? { ok: false, reason: 'wrong-passcode' } : { ok: true, key };
  }
  if ('recoveryKey' in credential) {
    const parsed = parseRecoveryKey(credential.recoveryKey);
    if (!parsed.ok) return { ok: false, reason: 'wrong-recovery-key' };
    const key = await unwrap(header.recovery, await recoverySlotKey(parsed.secret), wrapData('recovery', keyId), extractable);
    return key === null ? { ok: false, reason: 'wrong-recovery-key' } : { ok: true, key };
  }
  if (header.keychain === undefined) return { ok: false, reason: 'no-keychain' };
  const key = await unwrap(header.keychain, await keychainSlotKey(credential.keychainSecret), wrapData('keychain', keyId, [toBase64Url(header.keychain.sealed)]), extractable);
  return key === null ? { ok: false, reason: 'wrong-keychain' } : { ok: true, key };
}

/**
 * Opens the vault. Never throws for bad input; a refusal changes nothing. A mistyped recovery key is
 * caught by parseRecoveryKey before this (its message says where); here it only reads as not this vault's.
 */
export async function unlockVault(stored: unknown, credential: Credential, derive: PasscodeDerive = passcodeKey): Promise<UnlockResult> {
  const read = await readHeader(stored);
  if (!read.ok) return refuse(read.reason);
  const unlocked = await unlockKey(read.header, credential, true, derive);
  if (!unlocked.ok) return refuse(unlocked.reason);
  const keyId = read.header.keyId;
  return { ok: true, vault: { key: await nonExtractableCopy(unlocked.key), keyId }, rewrap: { dataKey: unlocked.key, keyId }, needsRehash: needsRehash(read.header.passcode) };
}

export type RewrapResult = { ok: true; header: StoredHeader } | { ok: false; reason: UnlockFailure; message: string };

/** Opens a slot with an extractable copy of the data key, lets `change` rewrap it, and reseals the header. */
async function rewrap(stored: unknown, credential: Credential, change: (dataKey: CryptoKey, header: StoredHeader) => Promise<StoredHeader>, derive: PasscodeDerive): Promise<RewrapResult> {
  const read = await readHeader(stored);
  if (!read.ok) return refuse(read.reason);
  const unlocked = await unlockKey(read.header, credential, true, derive);
  if (!unlocked.ok) return refuse(unlocked.reason);
  return { ok: true, header: await sealHeader(await change(unlocked.key, read.stored)) };
}

/**
 * A new passcode (or the same one with stronger parameters, after needsRehash). The data key does not
 * change, so every record stays readable; the recovery key and keychain slot stay valid.
 */
export async function changePasscode(stored: unknown, credential: Credential, newPasscode: string, params: Argon2Params = PASSCODE_KDF, derive: PasscodeDerive = passcodeKey): Promise<RewrapResult> {
  return rewrap(stored, credential, async (dataKey, header) => ({ ...header, passcode: await passcodeSlot(dataKey, header.keyId, newPasscode, params, derive) }), derive);
}

/** A new recovery key, replacing the old one (which stops working). */
export async function replaceRecoveryKey(stored: unknown, credential: Credential, derive: PasscodeDerive = passcodeKey): Promise<{ ok: true; header: StoredHeader; recoveryKey: string } | { ok: false; reason: UnlockFailure; message: string }> {
  const recovery = newRecoveryKey();
  const result = await rewrap(stored, credential, async (dataKey, header) => ({
    ...header,
    recovery: await wrap(dataKey, await recoverySlotKey(recovery.secret), wrapData('recovery', header.keyId)),
  }), derive);
  return result.ok ? { ...result, recoveryKey: recovery.key } : result;
}

/**
 * Lets the OS keychain open the vault: `secret` is 32 random bytes the main process keeps with safeStorage,
 * `sealed` what safeStorage returned for it (opaque here). Only the secret crosses IPC, never the data key.
 */
export async function setKeychainSlot(stored: unknown, credential: Credential, keychain: { secret: Bytes; sealed: Bytes }, derive: PasscodeDerive = passcodeKey): Promise<RewrapResult> {
  return rewrap(stored, credential, async (dataKey, header) => {
    const sealed = toBase64Url(keychain.sealed);
    return { ...header, keychain: { sealed, ...(await wrap(dataKey, await keychainSlotKey(keychain.secret), wrapData('keychain', header.keyId, [sealed]))) } };
  }, derive);
}

/** Forgets the keychain slot (the person turned it off, or the keychain backend changed). Needs no secret. */
export async function removeKeychainSlot(stored: unknown): Promise<RewrapResult> {
  const read = await readHeader(stored);
  if (!read.ok) return refuse(read.reason);
  const { format, v, keyId, passcode, recovery } = read.stored;
  return { ok: true, header: await sealHeader({ format, v, keyId, passcode, recovery }) };
}

export type HeaderCheck = { ok: true; header: StoredHeader; keychainSealed: string | null } | { ok: false; reason: 'damaged' | 'unsupported'; message: string };

/**
 * Whether a stored header can be read at all (before asking for a passcode, so that a damaged header is
 * reported as damaged and never blamed on the passcode), its typed stored form, and its keychain blob
 * as stored (base64url).
 */
export async function checkHeader(stored: unknown): Promise<HeaderCheck> {
  const read = await readHeader(stored);
  if (!read.ok) return { ok: false, reason: read.reason, message: UNLOCK_MESSAGES[read.reason] };
  return { ok: true, header: read.stored, keychainSealed: read.stored.keychain?.sealed ?? null };
}

/** The opaque keychain bytes to hand to the main process, or null when there is no keychain slot. */
export async function keychainSealed(stored: unknown): Promise<Bytes | null> {
  const read = await readHeader(stored);
  return read.ok ? (read.header.keychain?.sealed ?? null) : null;
}

/** True when two vault keys are the same data key (by id). */
export function sameVault(a: VaultKey, b: VaultKey): boolean {
  return bytesEqual(a.keyId, b.keyId);
}
