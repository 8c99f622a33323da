// The pure rules behind Settings: export file names, editing the activity and emotion-word lists, merging
// an import's preferences into the person's own without ever removing anything, and the circles connection lists.
import { checkIceServer, checkRelayUrl, CONNECTION_LIMITS, iceServerUrls, relayKey, type IceServer } from '@shared/circles/connection';
import { normalizeLabel, type CheckIn } from '@shared/journal/checkIn';
import type { ImportPlan, JournalPreferences } from '@shared/journal/exchange';
import type { Settings } from '@shared/settings';
import { addLabel, hasLabel } from '../checkin/draft';

/** Settings keep at most this many activities and custom emotion words (the settings schema's limit). */
export const MAX_LABELS = 200;

/** Imports larger than this are refused before they are read. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export type ExportFormat = 'json' | 'markdown' | 'csv';

export const EXPORT_FORMATS: Readonly<Record<ExportFormat, { readonly extension: string; readonly mimeType: string }>> = {
  json: { extension: 'json', mimeType: 'application/json' },
  markdown: { extension: 'md', mimeType: 'text/markdown' },
  csv: { extension: 'csv', mimeType: 'text/csv' },
};

/** "hearth-journal-2026-11-22.json" for the local day the export was made. */
export function exportFileName(format: ExportFormat, day: string): string {
  return `hearth-journal-${day}.${EXPORT_FORMATS[format].extension}`;
}

const count = (n: number): string => n.toLocaleString('en');

/** The toast after a successful export. */
export function exportedMessage(checkIns: number): string {
  if (checkIns === 0) return 'Exported your activities and emotion words. There are no check-ins yet.';
  return `Exported ${count(checkIns)} ${checkIns === 1 ? 'check-in' : 'check-ins'}.`;
}

/** The explanation when an import file is refused for its size before it is read. */
export function tooLargeMessage(bytes: number): string {
  const megabytes = Math.ceil(bytes / 1024 / 1024);
  return `This file is ${count(megabytes)} MB, more than the ${count(MAX_IMPORT_BYTES / 1024 / 1024)} MB Hearth can import at once. Nothing was imported, and your journal is unchanged.`;
}

/** "8:00 PM" or "20:00": a stored HH:MM time of day as the person's locale writes it. */
export function formatTimeOfDay(time: string, locale?: string): string {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  // Only the hour and minute are shown, so the date and zone used here don't matter.
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, hours, minutes));
}

/** Adds each incoming label that isn't there yet (ignoring case), keeping every existing one and its order. */
export function mergeLabels(current: readonly string[], incoming: readonly string[], limit: number = MAX_LABELS): string[] {
  let merged: string[] = [...current];
  for (const label of incoming) {
    if (merged.length >= limit) break;
    merged = addLabel(merged, label);
  }
  return merged;
}

/** The settings change that brings an import's activities and emotion words in; null when nothing is new. */
export function mergePreferences(
  current: Pick<Settings, 'activities' | 'customEmotions'>,
  incoming: JournalPreferences,
): Pick<Settings, 'activities' | 'customEmotions'> | null {
  const activities = mergeLabels(current.activities, incoming.activities);
  const customEmotions = mergeLabels(current.customEmotions, incoming.customEmotions);
  if (activities.length === current.activities.length && customEmotions.length === current.customEmotions.length) return null;
  return { activities, customEmotions };
}

/**
 * Keeps an import from replacing a stored check-in that this device couldn't read (it may be damaged, or
 * written by a newer Hearth): such ids are left out of the plan and counted, so the stored row stays as it is.
 */
export function withoutUnreadable(plan: ImportPlan, storedIds: ReadonlySet<string>): { plan: ImportPlan; skipped: number } {
  const add: CheckIn[] = [];
  let skipped = 0;
  for (const checkIn of plan.add) {
    if (storedIds.has(checkIn.id)) skipped += 1;
    else add.push(checkIn);
  }
  return { plan: { add, update: plan.update, unchanged: plan.unchanged }, skipped };
}

/** A sentence for check-ins an import left alone because the stored copy couldn't be read. */
export function skippedMessage(skipped: number): string {
  if (skipped === 0) return '';
  return skipped === 1
    ? "1 check-in in the file matches one Hearth couldn't read on this device, so it was left as it is."
    : `${count(skipped)} check-ins in the file match ones Hearth couldn't read on this device, so they were left as they are.`;
}

export type LabelEdit = { readonly ok: true; readonly list: string[] } | { readonly ok: false; readonly message: string };

/** Adds a label typed by the person, explaining why when it can't be added. */
export function addToList(list: readonly string[], raw: string, options: { readonly noun: string; readonly builtIn?: readonly string[] }): LabelEdit {
  const label = normalizeLabel(raw);
  if (!label) return { ok: false, message: `Type a name for the ${options.noun} first.` };
  if (hasLabel(list, label)) return { ok: false, message: `“${label}” is already in the list.` };
  if (options.builtIn && hasLabel(options.builtIn, label)) return { ok: false, message: `“${label}” is already one of Hearth's ${options.noun}s.` };
  if (list.length >= MAX_LABELS) return { ok: false, message: `The list can hold up to ${String(MAX_LABELS)} ${options.noun}s. Remove one to make room.` };
  return { ok: true, list: [...list, label] };
}

/** Renames the label at `index`; an empty name or one already in the list is refused with a reason. */
export function renameInList(list: readonly string[], index: number, raw: string, noun: string): LabelEdit {
  const old = list[index];
  if (old === undefined) return { ok: false, message: `That ${noun} is no longer in the list.` };
  const label = normalizeLabel(raw);
  if (!label) return { ok: false, message: `An ${noun} needs a name. To take it off the list, use Remove.` };
  if (label === old) return { ok: true, list: [...list] };
  const clash = list.some((other, i) => i !== index && other.toLocaleLowerCase() === label.toLocaleLowerCase());
  if (clash) return { ok: false, message: `“${label}” is already in the list.` };
  return { ok: true, list: list.map((item, i) => (i === index ? label : item)) };
}

/** The list without `label` (exact match). */
export function removeFromList(list: readonly string[], label: string): string[] {
  return list.filter((item) => item !== label);
}

export type ListEdit<T> = { readonly ok: true; readonly list: T[] } | { readonly ok: false; readonly message: string };

/** Adds a relay address the person typed, checked with the shared rules; the same relay twice is refused. */
export function addRelay(list: readonly string[], raw: string): ListEdit<string> {
  const checked = checkRelayUrl(raw);
  if (!checked.ok) return checked;
  const url = checked.value;
  if (list.some((existing) => relayKey(existing) === relayKey(url))) return { ok: false, message: 'That relay is already in the list.' };
  if (list.length >= CONNECTION_LIMITS.relays) return { ok: false, message: `Hearth uses up to ${String(CONNECTION_LIMITS.relays)} relays. Remove one to make room.` };
  return { ok: true, list: [...list, url] };
}

/** Adds a STUN or TURN server the person typed (TURN with its user name and password). */
export function addIceServer(list: readonly IceServer[], input: { readonly url: string; readonly username: string; readonly credential: string }): ListEdit<IceServer> {
  const checked = checkIceServer(input);
  if (!checked.ok) return checked;
  const [url = ''] = iceServerUrls(checked.value);
  if (list.some((server) => iceServerUrls(server).some((existing) => existing.toLowerCase() === url.toLowerCase()))) {
    return { ok: false, message: 'That server is already in the list. To change its login, remove it and add it again.' };
  }
  if (list.length >= CONNECTION_LIMITS.iceServers) return { ok: false, message: `Hearth uses up to ${String(CONNECTION_LIMITS.iceServers)} servers. Remove one to make room.` };
  return { ok: true, list: [...list, checked.value] };
}

/** The list without the item at `index`, and that item (for putting it back). */
export function removeAt<T>(list: readonly T[], index: number): { list: T[]; removed: T | undefined } {
  return { list: list.filter((_, i) => i !== index), removed: list[index] };
}

/** Puts a removed item back where it was (or at the end), unless an equal one is there by now or the list is full. */
export function putBack<T>(list: readonly T[], item: T, index: number, options: { readonly same: (a: T, b: T) => boolean; readonly limit: number }): T[] {
  if (list.length >= options.limit || list.some((existing) => options.same(existing, item))) return [...list];
  const next = [...list];
  next.splice(Math.min(Math.max(index, 0), next.length), 0, item);
  return next;
}
