// Scans every frame a relay saw for secrets: in the raw text, in every JSON string, and inside every base64 string decoded.
import { Buffer } from 'node:buffer';

/** One thing that must never reach the relay, in every written form it could take. */
export interface Secret {
  readonly label: string;
  /** Text forms, matched case-sensitively unless `anyCase`. */
  readonly forms: readonly string[];
  readonly anyCase?: boolean;
  /** Binary forms, matched inside decoded base64 strings. */
  readonly bytes?: readonly Buffer[];
}

export interface Leak {
  readonly label: string;
  readonly frame: number;
  readonly where: 'frame text' | 'json string' | 'decoded base64';
}

export interface CaptureReport {
  readonly frames: number;
  readonly characters: number;
  /** How many base64-looking strings were decoded and searched too. */
  readonly decodedStrings: number;
  /** Frames that were not JSON (still searched as text). */
  readonly notJson: number;
  /** Topic → message types the relay saw for it (subscribe, publish, …). */
  readonly topics: ReadonlyMap<string, ReadonlySet<string>>;
  readonly leaks: readonly Leak[];
}

/** A text secret, plus its JSON-escaped form when that differs (a frame carries JSON). */
export function textSecret(label: string, text: string, options: { anyCase?: boolean } = {}): Secret {
  const escaped = JSON.stringify(text).slice(1, -1);
  const forms = escaped === text ? [text] : [text, escaped];
  return { label, forms, bytes: [Buffer.from(text, 'utf8')], ...(options.anyCase === true ? { anyCase: true } : {}) };
}

/** A binary id or key written as base64url: also its standard base64 (padded or not) and hex forms. */
export function base64UrlSecret(label: string, base64Url: string): Secret {
  const bytes = Buffer.from(base64Url, 'base64url');
  if (bytes.toString('base64url') !== base64Url) throw new Error(`${label} is not canonical base64url`);
  const standard = bytes.toString('base64');
  const forms = [...new Set([base64Url, standard, standard.replace(/=+$/, ''), bytes.toString('hex')])];
  return { label: `${label} (base64url, base64 or hex)`, forms, bytes: [bytes] };
}

const BASE64_STRING = /^[A-Za-z0-9+/_-]{16,}={0,2}$/;

function found(haystack: string, secret: Secret): boolean {
  if (secret.anyCase === true) {
    const lower = haystack.toLowerCase();
    return secret.forms.some((form) => lower.includes(form.toLowerCase()));
  }
  return secret.forms.some((form) => haystack.includes(form));
}

function stringsOf(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push(key);
      stringsOf(item, out);
    }
  }
  return out;
}

function parseJson(frame: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(frame) as unknown };
  } catch (error) {
    // A non-JSON frame is still searched as text; it is only counted here.
    if (error instanceof SyntaxError) return { ok: false };
    throw error;
  }
}

export function scanFrames(frames: readonly string[], secrets: readonly Secret[]): CaptureReport {
  const leaks: Leak[] = [];
  const topics = new Map<string, Set<string>>();
  let characters = 0;
  let decodedStrings = 0;
  let notJson = 0;
  frames.forEach((frame, index) => {
    characters += frame.length;
    const leak = (secret: Secret, where: Leak['where']): void => {
      leaks.push({ label: secret.label, frame: index, where });
    };
    for (const secret of secrets) if (found(frame, secret)) leak(secret, 'frame text');
    const parsed = parseJson(frame);
    if (!parsed.ok) {
      notJson += 1;
      return;
    }
    const message = parsed.value;
    if (message !== null && typeof message === 'object' && !Array.isArray(message)) {
      const { type, topic, topics: many } = message as { type?: unknown; topic?: unknown; topics?: unknown };
      const named = [topic, ...(Array.isArray(many) ? (many as unknown[]) : [])].filter((name): name is string => typeof name === 'string');
      for (const name of named) {
        const types = topics.get(name) ?? new Set<string>();
        types.add(typeof type === 'string' ? type : '?');
        topics.set(name, types);
      }
    }
    for (const text of stringsOf(message, [])) {
      for (const secret of secrets) if (found(text, secret)) leak(secret, 'json string');
      if (!BASE64_STRING.test(text)) continue;
      decodedStrings += 1;
      // Node's base64 decoder reads both alphabets.
      const decoded = Buffer.from(text, 'base64');
      const asText = decoded.toString('utf8');
      for (const secret of secrets) {
        if (found(asText, secret) || (secret.bytes ?? []).some((bytes) => decoded.includes(bytes))) leak(secret, 'decoded base64');
      }
    }
  });
  return { frames: frames.length, characters, decodedStrings, notJson, topics, leaks };
}
