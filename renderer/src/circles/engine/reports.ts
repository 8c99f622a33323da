// A circle's reports on this device: the sealed notes in the doc's `reports` map that are addressed to me,
// opened and checked against the membership log. Facilitators get the queue; a reporter gets their own
// reports and what was decided. Nobody else can open them (see shared/circles/report.ts).
import type * as Y from 'yjs';
import type { EntryRef } from '@shared/circles/body';
import { reportsOf, writeNote } from '@shared/circles/circleDoc';
import { newEntryId } from '@shared/circles/envelope';
import type { DeviceIdentity } from '@shared/circles/identity';
import type { Membership } from '@shared/circles/membership';
import { openNote, sealNote, type ReportDecision, type ReportReason } from '@shared/circles/report';
import { logger } from '../../logger';
import { done, refuse, type Outcome } from './outcome';

export interface CircleReport {
  /** `reporter/id` in the doc. */
  readonly key: string;
  readonly id: string;
  readonly reporter: { readonly keyId: string; readonly pseudonym: string };
  readonly target: EntryRef;
  readonly targetKind: 'post' | 'reply';
  readonly reason: ReportReason;
  readonly note?: string;
  readonly reportedAt: number;
  /** The newest decision a current facilitator sent about it; null while it waits. */
  readonly decision: ReportDecision | null;
}

export interface ReportsDeps {
  readonly doc: Y.Doc;
  readonly circleId: string;
  readonly identity: DeviceIdentity;
  readonly membership: () => Membership | null;
  readonly now: () => number;
}

/** At most this many notes are looked at, so a flood cannot stall the device. */
const MAX_NOTES = 2_000;

export class CircleReports {
  private list: readonly CircleReport[] = [];
  private readonly listeners = new Set<() => void>();
  private running: Promise<void> = Promise.resolve();
  private again = false;
  private busy = false;
  private readonly map: Y.Map<unknown>;
  /** Opened notes by signature: a key id pins its keys, so a note that opened (or was not for me) stays so. */
  private readonly cache = new Map<string, Awaited<ReturnType<typeof openNote>>>();
  private readonly onChange = (): void => this.schedule();

  constructor(private readonly deps: ReportsDeps) {
    this.map = reportsOf(deps.doc);
    this.map.observe(this.onChange);
    this.schedule();
  }

  private get me(): string {
    return this.deps.identity.publicIdentity.keyId;
  }

  /** Every report this device can read: others' (as a facilitator) and my own. */
  all(): readonly CircleReport[] {
    return this.list;
  }

  /** Reports waiting for a facilitator's decision (others' reports; only a facilitator can read those). */
  queue(): readonly CircleReport[] {
    return this.list.filter((report) => report.decision === null && report.reporter.keyId !== this.me);
  }

  mine(): readonly CircleReport[] {
    return this.list.filter((report) => report.reporter.keyId === this.me);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads after the membership changed (a new facilitator, a removal). */
  refresh(): void {
    this.schedule();
  }

  async whenIdle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.running;
      await seen;
    } while (seen !== this.running || this.busy);
  }

  /** Reports a post or reply to the current facilitators (and keeps a copy only I can read). */
  async report(target: EntryRef, targetKind: 'post' | 'reply', reason: ReportReason, note: string): Promise<Outcome> {
    const membership = this.deps.membership();
    if (!membership) return refuse('This circle’s membership record hasn’t arrived on this device yet, so a report can’t be sent yet.');
    if (!membership.memberAt(this.me, membership.currentEpoch)) return refuse('You are not a member of this circle any more.');
    if (target.author === this.me) return refuse('This is your own post. You can take it back instead.');
    const facilitators = this.facilitators(membership);
    if (facilitators.length === 0) return refuse('This circle has no facilitator right now, so there is nobody to send a report to.');
    const trimmed = note.trim();
    const sealed = await sealNote(
      { kind: 'report', target, targetKind, reason, ...(trimmed === '' ? {} : { note: trimmed }) },
      [...facilitators, this.deps.identity.publicIdentity],
      this.deps.identity,
      { circleId: this.deps.circleId, id: newEntryId(), now: this.deps.now() },
    );
    writeNote(this.deps.doc, sealed);
    await this.whenIdle();
    return done();
  }

  /** Facilitators: records a decision, sealed to the reporter and the facilitators. */
  async decide(reportKey: string, decision: ReportDecision): Promise<Outcome> {
    const membership = this.deps.membership();
    if (!membership || membership.memberAt(this.me, membership.currentEpoch)?.role !== 'facilitator') return refuse('Only a facilitator can decide about a report.');
    const report = this.list.find((candidate) => candidate.key === reportKey);
    if (!report) return refuse('That report is not on this device any more.');
    const reporter = membership.members.get(report.reporter.keyId);
    if (!reporter) return refuse('The person who sent this report is not in the circle’s records.');
    const sealed = await sealNote(
      { kind: 'report-outcome', report: { reporter: report.reporter.keyId, id: report.id }, decision },
      [reporter, ...this.facilitators(membership)],
      this.deps.identity,
      { circleId: this.deps.circleId, id: report.id, now: this.deps.now() },
    );
    writeNote(this.deps.doc, sealed);
    await this.whenIdle();
    return done();
  }

  destroy(): void {
    this.map.unobserve(this.onChange);
    this.listeners.clear();
  }

  private facilitators(membership: Membership): { keyId: string; agreementKey: string }[] {
    return membership
      .activeMembers()
      .filter(({ role }) => role === 'facilitator')
      .map(({ record }) => ({ keyId: record.keyId, agreementKey: record.agreementKey }));
  }

  private schedule(): void {
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.running = this.read()
      .catch((error: unknown) => logger.error('circles: could not read reports', error))
      .finally(() => {
        this.busy = false;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }

  private async read(): Promise<void> {
    const membership = this.deps.membership();
    if (!membership) return;
    const signingKey = (keyId: string): string | undefined => membership.members.get(keyId)?.signingKey;
    const reports = new Map<string, Omit<CircleReport, 'decision'>>();
    const decisions = new Map<string, { decision: ReportDecision; at: number }>();
    let looked = 0;
    for (const [key, raw] of this.map.entries()) {
      if (++looked > MAX_NOTES) break;
      const sig = typeof raw === 'object' && raw !== null && 'sig' in raw && typeof raw.sig === 'string' ? raw.sig : null;
      let opened = sig === null ? undefined : this.cache.get(sig);
      if (!opened) {
        opened = await openNote(raw, this.deps.identity, signingKey, this.deps.circleId);
        if (sig !== null && (opened.ok || opened.reason === 'not-for-me') && this.cache.size < MAX_NOTES) this.cache.set(sig, opened);
      }
      if (!opened.ok || `${opened.note.sender}/${opened.note.id}` !== key) continue;
      const { note, body } = opened;
      if (body.kind === 'report') {
        reports.set(key, {
          key,
          id: note.id,
          reporter: { keyId: note.sender, pseudonym: membership.members.get(note.sender)?.pseudonym ?? '' },
          target: body.target,
          targetKind: body.targetKind,
          reason: body.reason,
          ...(body.note === undefined ? {} : { note: body.note }),
          reportedAt: note.claimedAt,
        });
      } else if (membership.memberAt(note.sender, membership.currentEpoch)?.role === 'facilitator' && body.report.id === note.id) {
        // Only a current facilitator's decision counts; the newest one wins.
        const reportKey = `${body.report.reporter}/${body.report.id}`;
        const known = decisions.get(reportKey);
        if (!known || note.claimedAt >= known.at) decisions.set(reportKey, { decision: body.decision, at: note.claimedAt });
      }
    }
    this.list = [...reports.values()].map((report) => ({ ...report, decision: decisions.get(report.key)?.decision ?? null })).sort((a, b) => b.reportedAt - a.reportedAt);
    for (const listener of [...this.listeners]) listener();
  }
}
