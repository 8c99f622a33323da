// Invite codes: 130 random bits as grouped Crockford base32 with two check characters, the hearth://join link
// (which may also carry the circle's relays and the facilitator's key id), the one-time handshake room
// derived from the code, and an invite's pending/expired/used-up/revoked status.
import { CROCKFORD_ALPHABET, crockfordValue, randomBytes, toBase64Url, toCrockford, utf8, type Bytes } from './bytes';
import { CONNECTION_LIMITS, relayKey, relayUrlProblem, type RelayUrlProblem } from './connection';
import { KeyIdSchema } from './identity';
import { INVITE_LINK_MAX_CHARS, INVITE_LINK_PREFIX } from './inviteLink';
import { hkdfAesKey, hkdfBytes } from './kdf';

/** 26 data characters (130 random bits) + 2 check characters = 28, shown as seven groups of four. */
export const INVITE_DATA_CHARS = 26;
export const INVITE_CHECK_CHARS = 2;
export const INVITE_CODE_CHARS = INVITE_DATA_CHARS + INVITE_CHECK_CHARS;
export { INVITE_LINK_MAX_CHARS, INVITE_LINK_PREFIX } from './inviteLink';

export interface InviteCode {
  /** Grouped for reading aloud or typing: 'HR7K-2M9Q-…'. */
  readonly code: string;
  /** `hearth://join#` + the code without hyphens; the fragment never reaches any server. */
  readonly link: string;
  /** The code's 26 data characters as bytes (the input to every derivation). */
  readonly secret: Bytes;
}

/**
 * What a link carries after the code, in its fragment (`&relay=<percent-encoded>` for each relay, then
 * `&by=<key id>`). The bare code stays a complete invite: it just carries neither.
 */
export interface InviteDetails {
  /** The circle's relays: where the facilitator listens for requests. Empty: the joiner's own settings say. */
  readonly relays: readonly string[];
  /**
   * Key id of the facilitator's device that made the invite. When known, only answers it signed count, so
   * another holder of the code can't refuse (or "approve") the joiner in the facilitator's place.
   */
  readonly facilitator: string | null;
}

export type ParsedInvite = InviteCode & InviteDetails;
export type ParseInviteResult = ({ ok: true } & ParsedInvite) | { ok: false; message: string };

// ---- Check characters: a Reed–Solomon code over GF(32) with two parity symbols ----
// Any one or two wrong characters, including two neighbours swapped, change the check.

const GF_EXP: number[] = [];
const GF_LOG: number[] = new Array<number>(32).fill(0);
{
  let x = 1;
  for (let i = 0; i < 31; i++) {
    GF_EXP[i] = x;
    GF_LOG[x] = i;
    x <<= 1;
    if (x & 32) x ^= 0b100101; // x^5 + x^2 + 1, primitive
  }
}
function gfMul(a: number, b: number): number {
  if (a === 0 || b === 0) return 0;
  return GF_EXP[((GF_LOG[a] ?? 0) + (GF_LOG[b] ?? 0)) % 31] ?? 0;
}
// g(x) = (x − α)(x − α²) = x² + (α ⊕ α²)x + α³
const G1 = (GF_EXP[1] ?? 0) ^ (GF_EXP[2] ?? 0);
const G0 = GF_EXP[3] ?? 0;

/**
 * Remainder of data(x)·x² divided by g(x): the two check symbols. Any one or two wrong symbols are caught
 * while data plus check stay within 31 symbols (the code's length over GF(32)). The vault's recovery key
 * uses it too.
 */
export function checkSymbols(data: readonly number[]): [number, number] {
  let r1 = 0;
  let r0 = 0;
  for (const symbol of data) {
    const feedback = symbol ^ r1;
    r1 = r0 ^ gfMul(feedback, G1);
    r0 = gfMul(feedback, G0);
  }
  return [r1, r0];
}

function symbolsToCode(symbols: readonly number[]): string {
  return symbols.map((s) => CROCKFORD_ALPHABET[s] ?? '').join('');
}

function group(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

function inviteFromData(data: readonly number[]): InviteCode {
  const plain = symbolsToCode([...data, ...checkSymbols(data)]);
  return { code: group(plain), link: `${INVITE_LINK_PREFIX}${plain}`, secret: utf8(symbolsToCode(data)) };
}

export function createInvite(): InviteCode {
  // 17 random bytes give 136 bits; the first 26 symbols use 130 of them.
  const symbols = [...toCrockford(randomBytes(17)).slice(0, INVITE_DATA_CHARS)].map((char) => crockfordValue(char) ?? 0);
  return inviteFromData(symbols);
}

/**
 * The link for an invite with its details. Relays that are not usable addresses or repeat one before are
 * left out, and at most CONNECTION_LIMITS.relays are kept, so what this writes parseInvite reads back.
 */
export function inviteLink(invite: Pick<InviteCode, 'link'>, details: Partial<InviteDetails>): string {
  const relays = usableRelays(details.relays ?? []).slice(0, CONNECTION_LIMITS.relays);
  const parts = relays.map((relay) => `&relay=${encodeURIComponent(relay)}`);
  const facilitator = details.facilitator ?? null;
  if (facilitator !== null && KeyIdSchema.safeParse(facilitator).success) parts.push(`&by=${facilitator}`);
  return `${invite.link}${parts.join('')}`;
}

function usableRelays(relays: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const relay of relays) {
    if (relayUrlProblem(relay) !== null || seen.has(relayKey(relay))) continue;
    seen.add(relayKey(relay));
    out.push(relay);
  }
  return out;
}

const INCOMPLETE = 'That code looks incomplete — check that you copied all of it.';
const TOO_LONG = 'That code is longer than an invite code — check for extra characters at the start or end.';
const TYPO = 'That code doesn’t check out — one or two characters are probably mistyped. Compare it with the original, character by character.';
const NOT_A_LINK = 'That link isn’t a Hearth invite. Invite links start with hearth://join#.';
const EMPTY = 'Paste or type the invite code you were given.';
const LINK_TOO_LONG = 'That’s far longer than a Hearth invite. Check that you copied only the code or the link.';
const SEND_AGAIN = 'Ask the facilitator to send the link again.';
const LINK_DAMAGED = `Part of this link is damaged, so it can’t be read. ${SEND_AGAIN}`;
const TOO_MANY_RELAYS = `This link names more than ${String(CONNECTION_LIMITS.relays)} relays, more than Hearth uses. ${SEND_AGAIN}`;
const FACILITATOR_DAMAGED = `The facilitator’s key in this link is damaged. ${SEND_AGAIN}`;
const LINK_RELAY_PROBLEMS: Readonly<Record<RelayUrlProblem, string>> = {
  empty: 'it is empty',
  'too-long': 'it is too long',
  spaces: 'it has spaces in it',
  'web-address': 'it is a web page address, not a ws:// or wss:// relay',
  'not-websocket': 'it doesn’t start with ws:// or wss://',
  incomplete: 'it isn’t a complete address',
  credentials: 'it contains a name and password',
  fragment: 'it contains “#”',
};

/**
 * Reads an invite from what a person pasted or typed: the grouped code in any case and grouping, the code
 * with Crockford's look-alikes (I, L → 1; O → 0), or the hearth://join link with or without its details,
 * with white space around it. Never throws; every refusal is a sentence the person can act on.
 */
export function parseInvite(text: string): ParseInviteResult {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: EMPTY };
  if (trimmed.length > INVITE_LINK_MAX_CHARS) return { ok: false, message: LINK_TOO_LONG };
  const [head = '', ...params] = trimmed.split('&');
  let codePart = head;
  // Only the part before the details decides: a relay written out in full has its own "://".
  if (head.includes('://')) {
    if (!head.toLowerCase().startsWith(INVITE_LINK_PREFIX)) return { ok: false, message: NOT_A_LINK };
    codePart = head.slice(INVITE_LINK_PREFIX.length);
  }
  const code = parseCode(codePart);
  if (!code.ok) return code;
  const details = parseDetails(params);
  if (!details.ok) return details;
  return { ok: true, ...code.invite, ...details.details };
}

function parseCode(text: string): { ok: true; invite: InviteCode } | { ok: false; message: string } {
  const symbols: number[] = [];
  for (const char of text) {
    if (char === '-' || /\s/.test(char)) continue;
    const value = crockfordValue(char);
    if (value === undefined) {
      return { ok: false, message: `That code has a character invite codes never use: “${char}”. Codes use the digits 0–9 and letters except I, L, O and U.` };
    }
    symbols.push(value);
  }
  if (symbols.length === 0) return { ok: false, message: EMPTY };
  if (symbols.length < INVITE_CODE_CHARS) return { ok: false, message: INCOMPLETE };
  if (symbols.length > INVITE_CODE_CHARS) return { ok: false, message: TOO_LONG };
  const data = symbols.slice(0, INVITE_DATA_CHARS);
  const [c1, c0] = checkSymbols(data);
  if (symbols[INVITE_DATA_CHARS] !== c1 || symbols[INVITE_DATA_CHARS + 1] !== c0) return { ok: false, message: TYPO };
  return { ok: true, invite: inviteFromData(data) };
}

/** The `name=value` details after the code. Names this version doesn't know are left for later versions. */
function parseDetails(params: readonly string[]): { ok: true; details: InviteDetails } | { ok: false; message: string } {
  const relays: string[] = [];
  const seen = new Set<string>();
  let facilitator: string | null = null;
  for (const raw of params) {
    // A link wrapped over lines by a mail program gains white space; no detail ever contains any.
    const param = raw.replace(/\s+/g, '');
    if (param === '') continue;
    const equals = param.indexOf('=');
    const name = (equals < 0 ? param : param.slice(0, equals)).toLowerCase();
    const value = equals < 0 ? '' : param.slice(equals + 1);
    if (name === 'relay') {
      const relay = decodeComponent(value);
      if (relay === null) return { ok: false, message: LINK_DAMAGED };
      const problem = relayUrlProblem(relay);
      if (problem !== null) return { ok: false, message: `This link names a relay Hearth can’t use: ${LINK_RELAY_PROBLEMS[problem]}. ${SEND_AGAIN}` };
      if (seen.has(relayKey(relay))) continue;
      seen.add(relayKey(relay));
      relays.push(relay);
      if (relays.length > CONNECTION_LIMITS.relays) return { ok: false, message: TOO_MANY_RELAYS };
    } else if (name === 'by') {
      if (!KeyIdSchema.safeParse(value).success || (facilitator !== null && facilitator !== value)) return { ok: false, message: FACILITATOR_DAMAGED };
      facilitator = value;
    }
  }
  return { ok: true, details: { relays, facilitator } };
}

function decodeComponent(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    // A malformed %-escape: the caller says the link is damaged.
    return null;
  }
}

// ---- The handshake room ----

const SALT = 'hearth/invite/v1';

export interface HandshakeRoom {
  readonly roomName: string;
  readonly password: string;
  /** Encrypts the join request and the answer; not extractable. */
  readonly key: CryptoKey;
  /** A stable id for the invite that reveals nothing of the code (for the facilitator's list). */
  readonly inviteId: string;
}

/** The one-time room where joiner and facilitator meet; labels differ from every circle derivation. */
export async function deriveHandshakeRoom(secret: Bytes): Promise<HandshakeRoom> {
  const room = await hkdfBytes(secret, SALT, 'handshake-room', [], 20);
  const password = await hkdfBytes(secret, SALT, 'handshake-password', [], 32);
  const id = await hkdfBytes(secret, SALT, 'invite-id', [], 16);
  return {
    roomName: `hearth-${toCrockford(room).toLowerCase()}`,
    password: toBase64Url(password),
    key: await hkdfAesKey(secret, SALT, 'handshake-key', []),
    inviteId: toBase64Url(id),
  };
}

// ---- Invite state, as the facilitator's app keeps it ----

export const INVITE_DEFAULTS = { lifetimeMs: 72 * 60 * 60 * 1000, uses: 1 } as const;

export interface InviteState {
  readonly inviteId: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly maxUses: number;
  readonly uses: number;
  readonly revokedAt?: number;
}

export type InviteStatus = 'pending' | 'expired' | 'used-up' | 'revoked';

export function newInviteState(inviteId: string, now: number, options: { lifetimeMs?: number; maxUses?: number } = {}): InviteState {
  return {
    inviteId,
    createdAt: now,
    expiresAt: now + (options.lifetimeMs ?? INVITE_DEFAULTS.lifetimeMs),
    maxUses: Math.max(1, Math.floor(options.maxUses ?? INVITE_DEFAULTS.uses)),
    uses: 0,
  };
}

/** Revoked wins over used up, which wins over expired: the most deliberate reason is the one people see. */
export function inviteStatus(invite: InviteState, now: number): InviteStatus {
  if (invite.revokedAt !== undefined && invite.revokedAt <= now) return 'revoked';
  if (invite.uses >= invite.maxUses) return 'used-up';
  if (now >= invite.expiresAt) return 'expired';
  return 'pending';
}

export function useInvite(invite: InviteState, now: number): { ok: true; invite: InviteState } | { ok: false; status: Exclude<InviteStatus, 'pending'> } {
  const status = inviteStatus(invite, now);
  if (status !== 'pending') return { ok: false, status };
  return { ok: true, invite: { ...invite, uses: invite.uses + 1 } };
}

export function revokeInvite(invite: InviteState, now: number): InviteState {
  return invite.revokedAt === undefined ? { ...invite, revokedAt: now } : invite;
}

/** What a joiner is told for each refusal. */
export const INVITE_STATUS_MESSAGES: Readonly<Record<Exclude<InviteStatus, 'pending'>, string>> = {
  expired: 'This invite has expired — ask the facilitator for a new one.',
  'used-up': 'This invite has already been used — ask the facilitator for a new one.',
  revoked: 'The facilitator withdrew this invite — ask them for a new one if you still want to join.',
};
