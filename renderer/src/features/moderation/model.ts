// Words for moderation (report reasons, outcomes, choices) and what changed between two charters. No React here.
import type { WarningChoice } from '@shared/circles/readerPreferences';
import type { ReportDecision, ReportReason } from '@shared/circles/report';
import { plural } from '../../ui/format';

export const REPORT_REASON_LABELS: Readonly<Record<ReportReason, string>> = {
  unkind: 'Unkind or hostile',
  'medical-advice': 'Medication or diagnosis advice',
  graphic: 'Graphic detail',
  privacy: 'Shares private details',
  spam: 'Spam',
  other: 'Something else',
};

/** What a reporter is told about their report. */
export function outcomeWords(decision: ReportDecision | null): string {
  switch (decision) {
    case null:
      return 'Waiting for a facilitator to look at it';
    case 'hidden':
      return 'Reviewed — a facilitator hid it for everyone';
    case 'no-action':
      return 'Reviewed — no action was needed';
    case 'member-removed':
      return 'Reviewed — the member was removed from the circle';
  }
}

export const WARNING_CHOICE_LABELS: Readonly<Record<WarningChoice, string>> = {
  show: 'Show',
  blur: 'Blur',
  hide: 'Hide',
};

export const WARNING_CHOICE_HINTS: Readonly<Record<WarningChoice, string>> = {
  show: 'shown with the warning above them',
  blur: 'covered until you choose “Show post”',
  hide: 'left out, with a quiet count',
};

export function hiddenCountWords(count: number): string {
  return `${plural(count, 'post')} hidden by your content settings`;
}

export interface CharterChanges {
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** Lines that are new and lines that are gone (blank lines ignored), in their order. */
export function charterChanges(before: string, after: string): CharterChanges {
  // List markers are layout, not wording: "- Be kind." and "Be kind." are the same guideline.
  const lines = (text: string): string[] => text.split('\n').map((line) => line.trim().replace(/^[-*•]\s+/, '')).filter((line) => line !== '');
  const old = lines(before);
  const now = lines(after);
  const oldSet = new Set(old);
  const nowSet = new Set(now);
  return { added: now.filter((line) => !oldSet.has(line)), removed: old.filter((line) => !nowSet.has(line)) };
}
