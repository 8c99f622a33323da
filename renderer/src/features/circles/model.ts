// Words and small derivations for the circles UI: the default charter, sync status, join states,
// invite statuses and what an invite needs to reach the circle, reaction labels and avatar colours. No React here.
import type { Reaction } from '@shared/circles/body';
import { isLoopbackRelay } from '@shared/circles/connection';
import type { InviteStatus } from '@shared/circles/invite';
import type { JoinState } from '../../circles/engine/circleRecords';
import type { CircleStatus } from '../../circles/engine/circleSession';
import { plural } from '../../ui/format';
import type { CircleSnapshot } from './circlesService';

export const DEFAULT_CHARTER = `Our circle's guidelines

- Be kind. We are here to support each other, not to judge, fix or argue.
- No advice about medication or diagnoses. Share what helped you, and leave decisions about treatment to each person and their care team.
- No graphic detail about self-harm, suicide, violence or other hard topics. Add a content warning when a post touches on them.
- Respect privacy: what is shared here stays here. Don't copy, screenshot or pass on anyone's words.
- This is not a crisis service. If you or someone else is in danger, contact your local emergency services or a crisis line now. Hearth's Support page (F1) lists crisis lines.
- Peer support is not a substitute for professional care.
- If something here worries you, report it to the facilitators. They can hide a post or remove a member.`;

const relayList = (relays: readonly string[]): string => relays.join(' or ');

/** Under an invite: the grouped code carries no relay, so someone given only the code needs the same setting. */
export function codeAloneNote(relays: readonly string[]): string {
  if (relays.length === 0) return 'The code alone works only if their relay setting matches yours.';
  return `The code alone works only if their relay setting matches this circle’s (${relayList(relays)}); the link carries it for them.`;
}

/** Said beside an invite when nobody on another computer could reach the circle's relay; null when someone could. */
export function unreachableRelayNote(relays: readonly string[]): string | null {
  if (relays.length === 0) return 'This circle has no relay, so nobody can reach it to ask to join.';
  if (!relays.every(isLoopbackRelay)) return null;
  return `This circle’s relay, ${relayList(relays)}, is on this computer only: people elsewhere can’t join. For them, pick a relay they can reach in Settings → Circles connection, then create a new circle.`;
}

export const REACTION_LABELS: Readonly<Record<Reaction, string>> = {
  'sending-support': 'Sending support',
  'me-too': 'Me too',
  'thank-you': 'Thank you',
  hope: 'Hope',
};

export const INVITE_STATUS_LABELS: Readonly<Record<InviteStatus, string>> = {
  pending: 'Pending',
  'used-up': 'Used',
  expired: 'Expired',
  revoked: 'Revoked',
};

export const JOIN_STATE_LABELS: Readonly<Record<JoinState, string>> = {
  asking: 'Asking the facilitator',
  'waiting-for-facilitator': 'Waiting for a facilitator',
  joined: 'Joined',
  refused: 'Not let in',
};

/** "3 min ago", "yesterday": how long ago, in the device's language. */
export function timeAgo(at: number, now: number): string {
  const seconds = Math.round((at - now) / 1000);
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto', style: 'long' });
  if (Math.abs(seconds) < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

/** How long the status line mentions a connection closed for damaged data. */
export const DAMAGE_NOTICE_MS = 30 * 60_000;
export const CLOSED_FOR_DAMAGE = 'A connection was closed because it sent damaged data. Your circle is safe, and it keeps syncing with everyone else.';

/**
 * The honest sync status of a circle as short phrases: who is online, when it last synced, what is waiting.
 * "Members online" counts only verified presence; a connection whose member is not (yet) confirmed is named
 * as what it is.
 */
export function statusPhrases(status: CircleStatus, now: number): string[] {
  const phrases: string[] = [];
  if (status.membersOnline > 0) phrases.push(`${plural(status.membersOnline, 'member')} online`);
  else if (status.peers > 0) phrases.push(`Connected to ${plural(status.peers, 'device')}`);
  else if (status.lastSyncedAt !== null) phrases.push(`No one else online · Last synced ${timeAgo(status.lastSyncedAt, now)}`);
  else phrases.push('Not synced yet — it syncs when another member is online');
  if (status.undelivered > 0) phrases.push(`${plural(status.undelivered, 'update')} of yours waiting to reach anyone`);
  // Said for a while after it happens, calmly and without naming anyone: the peer id is only the remote's claim.
  if (status.closedForDamageAt !== null && now - status.closedForDamageAt < DAMAGE_NOTICE_MS) phrases.push(CLOSED_FOR_DAMAGE);
  return phrases;
}

// The mood colours are all light enough for the dark initial on them, in both themes.
const AVATAR_COLOURS = ['--mood-1', '--mood-2', '--mood-3', '--mood-4', '--mood-5'] as const;

/** A stable colour (a theme variable) for a member, derived from their key id. */
export function avatarColour(keyId: string): string {
  let hash = 0;
  for (const char of keyId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `var(${AVATAR_COLOURS[hash % AVATAR_COLOURS.length] ?? '--accent'})`;
}

/** A fingerprint or code split into groups for reading aloud: "ABCD-EFGH" → ["ABCD", "EFGH"]. */
export function groups(text: string): string[] {
  return text.split(/[-\s]+/).filter((part) => part.length > 0);
}

export const INVITE_LIFETIMES = [
  { label: '24 hours', ms: 24 * 60 * 60 * 1000 },
  { label: '72 hours', ms: 72 * 60 * 60 * 1000 },
  { label: '7 days', ms: 7 * 24 * 60 * 60 * 1000 },
] as const;

/** A circle's name once its (encrypted) info has been read; until then a plain placeholder. */
export function circleName(circle: CircleSnapshot): string {
  if (circle.open?.name) return circle.open.name;
  return circle.openProblem ? 'A circle that could not open' : 'Opening…';
}
