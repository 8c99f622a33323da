// Where circles meet: relay (signaling) addresses and STUN/TURN servers. The one set of rules for
// settings, invite links and the handshake, each with a message a person can act on.
import { z } from 'zod';

export const CONNECTION_LIMITS = {
  /** Characters of one relay or STUN/TURN address. */
  urlChars: 500,
  /** Relays a circle (or a person's settings, or an invite link) names. */
  relays: 8,
  iceServers: 8,
  /** Characters of a TURN user name or password. */
  loginChars: 256,
} as const;

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

// ---- Relay addresses ----

export type RelayUrlProblem = 'empty' | 'too-long' | 'spaces' | 'web-address' | 'not-websocket' | 'incomplete' | 'credentials' | 'fragment';

export const RELAY_URL_MESSAGES: Readonly<Record<RelayUrlProblem, string>> = {
  empty: 'Type the relay’s address, like wss://relay.example.org.',
  'too-long': `That’s longer than a relay address can be (${String(CONNECTION_LIMITS.urlChars)} characters).`,
  spaces: 'A relay address has no spaces or line breaks in it. Check that you copied only the address.',
  'web-address': 'That’s a web page address. A relay address starts with wss:// (or ws:// on your own network) — ask whoever runs the relay for it.',
  'not-websocket': 'A relay address starts with wss:// (or ws:// on your own network), like wss://relay.example.org.',
  incomplete: 'That address isn’t complete. It should look like wss://relay.example.org or ws://192.168.1.20:4444.',
  credentials: 'Leave out the name and password before “@”: relays don’t use them.',
  fragment: 'A relay address can’t contain “#”. Check that you copied only the address.',
};

/**
 * What is wrong with a relay address, or null when a WebSocket can open it. The platform's URL parser
 * decides, because it is the same parser WebSocket uses: a relay that passes here cannot make it throw.
 */
export function relayUrlProblem(url: string): RelayUrlProblem | null {
  if (url.length === 0) return 'empty';
  if (url.length > CONNECTION_LIMITS.urlChars) return 'too-long';
  if (/\s/.test(url)) return 'spaces';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') return 'web-address';
  if (scheme !== 'ws' && scheme !== 'wss') return 'not-websocket';
  if (!/^wss?:\/\/[^/?#]/i.test(url) || !URL.canParse(url)) return 'incomplete';
  const parsed = new URL(url);
  if (parsed.hostname === '') return 'incomplete';
  if (parsed.username !== '' || parsed.password !== '' || /^wss?:\/\/[^/?#]*@/i.test(url)) return 'credentials';
  // WebSocket refuses any fragment, even an empty "#".
  if (url.includes('#')) return 'fragment';
  return null;
}

/** Reads a relay address a person typed or pasted (white space around it is ignored). */
export function checkRelayUrl(text: string): Checked<string> {
  const url = text.trim();
  const problem = relayUrlProblem(url);
  return problem === null ? { ok: true, value: url } : { ok: false, message: RELAY_URL_MESSAGES[problem] };
}

/** The form two addresses are compared in, so "WSS://Relay.example.org" and "wss://relay.example.org/" are one relay. */
export function relayKey(url: string): string {
  return URL.canParse(url) ? new URL(url).href : url;
}

/** Whether a relay address only ever reaches the computer it is used on (localhost, 127.x.x.x, [::1]). */
export function isLoopbackRelay(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const host = new URL(url).hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A signaling relay address: ws:// or wss://, whole, as stored and as sent to peers. */
export const SignalingUrlSchema = z
  .string()
  .max(CONNECTION_LIMITS.urlChars)
  .refine((url) => relayUrlProblem(url) === null, 'a ws:// or wss:// relay address');

// ---- STUN and TURN servers ----

export type IceServerProblem = 'empty' | 'too-long' | 'spaces' | 'slashes' | 'scheme' | 'incomplete' | 'turn-needs-login' | 'stun-has-login' | 'login-too-long';

export const ICE_SERVER_MESSAGES: Readonly<Record<IceServerProblem, string>> = {
  empty: 'Type the server’s address, like stun:stun.example.org:3478 or turn:turn.example.org:3478.',
  'too-long': `That’s longer than a server address can be (${String(CONNECTION_LIMITS.urlChars)} characters).`,
  spaces: 'A server address has no spaces or line breaks in it. Check that you copied only the address.',
  slashes: 'STUN and TURN addresses have no “//” after the colon: write turn:turn.example.org:3478.',
  scheme: 'STUN and TURN addresses start with stun:, turn: or turns:, like turn:turn.example.org:3478.',
  incomplete: 'That address isn’t complete. It should look like turn:turn.example.org:3478 (the port is optional).',
  'turn-needs-login': 'A TURN server needs the user name and password its provider gave you.',
  'stun-has-login': 'STUN servers don’t use a user name or password. Leave those empty, or check whether the address should start with turn:.',
  'login-too-long': `A user name or password can be at most ${String(CONNECTION_LIMITS.loginChars)} characters.`,
};

const HOST_NAME = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*`;
const IPV6 = String.raw`\[[0-9A-Fa-f:.]{2,45}\]`;
// RFC 7064 and 7065: stun:host[:port], turn(s):host[:port][?transport=udp|tcp]. Browsers refuse anything else.
const ICE_URL = new RegExp(String.raw`^(stun|turns?):(?:${HOST_NAME}|${IPV6})(?::(\d{1,5}))?(\?transport=(?:udp|tcp))?$`, 'i');

function iceUrlProblem(url: string): IceServerProblem | null {
  if (url.length === 0) return 'empty';
  if (url.length > CONNECTION_LIMITS.urlChars) return 'too-long';
  if (/\s/.test(url)) return 'spaces';
  if (!/^(stun|turns?):/i.test(url)) return 'scheme';
  if (/^[a-z]+:\/\//i.test(url)) return 'slashes';
  const match = ICE_URL.exec(url);
  if (!match) return 'incomplete';
  const port = match[2] === undefined ? null : Number(match[2]);
  if (port !== null && (port < 1 || port > 65_535)) return 'incomplete';
  if (match[3] !== undefined && match[1]?.toLowerCase() === 'stun') return 'incomplete';
  return null;
}

const isTurn = (url: string): boolean => /^turns?:/i.test(url);

/** What is wrong with a STUN/TURN server as RTCPeerConnection takes it, or null when it would accept it. */
export function iceServerProblem(server: { readonly urls: string | readonly string[]; readonly username?: string; readonly credential?: string }): IceServerProblem | null {
  const urls = typeof server.urls === 'string' ? [server.urls] : server.urls;
  if (urls.length === 0) return 'empty';
  for (const url of urls) {
    const problem = iceUrlProblem(url);
    if (problem !== null) return problem;
  }
  const { username = '', credential = '' } = server;
  if (username.length > CONNECTION_LIMITS.loginChars || credential.length > CONNECTION_LIMITS.loginChars) return 'login-too-long';
  const hasLogin = username !== '' || credential !== '';
  // RTCPeerConnection throws for a TURN address without both, which would stop every connection.
  if (urls.some(isTurn)) return username !== '' && credential !== '' ? null : 'turn-needs-login';
  return hasLogin ? 'stun-has-login' : null;
}

/** A STUN or TURN server as RTCPeerConnection takes it. */
export const IceServerSchema = z
  .object({
    urls: z.union([z.string().max(CONNECTION_LIMITS.urlChars), z.array(z.string().max(CONNECTION_LIMITS.urlChars)).min(1).max(4)]),
    username: z.string().max(CONNECTION_LIMITS.loginChars).exactOptional(),
    credential: z.string().max(CONNECTION_LIMITS.loginChars).exactOptional(),
  })
  .strict()
  .refine((server) => iceServerProblem(server) === null, 'a stun:, turn: or turns: server, with a login for TURN');
export type IceServer = z.output<typeof IceServerSchema>;

/**
 * Reads a STUN/TURN server a person typed: the address (white space around it ignored) and, for TURN,
 * the user name and password exactly as given (empty means none).
 */
export function checkIceServer(input: { readonly url: string; readonly username: string; readonly credential: string }): Checked<IceServer> {
  const url = input.url.trim();
  const username = input.username.trim();
  const { credential } = input;
  const server: IceServer = { urls: url, ...(username === '' ? {} : { username }), ...(credential === '' ? {} : { credential }) };
  const problem = iceServerProblem(server);
  return problem === null ? { ok: true, value: server } : { ok: false, message: ICE_SERVER_MESSAGES[problem] };
}

/** The addresses of a server, one string each. */
export function iceServerUrls(server: IceServer): readonly string[] {
  return typeof server.urls === 'string' ? [server.urls] : server.urls;
}
