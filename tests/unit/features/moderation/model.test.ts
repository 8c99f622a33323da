// Moderation words and the charter comparison members see when a facilitator changes the charter.
import { describe, expect, it } from 'vitest';
import { charterChanges, hiddenCountWords, outcomeWords, REPORT_REASON_LABELS } from '../../../../renderer/src/features/moderation/model';
import { DEFAULT_CHARTER } from '../../../../renderer/src/features/circles/model';

describe('moderation words', () => {
  it('shows which charter lines are new and which are gone, ignoring blank lines and spacing', () => {
    expect(charterChanges('Be kind.\n\nNo advice.', '  Be kind.\nNo advice about medication.\n')).toEqual({ added: ['No advice about medication.'], removed: ['No advice.'] });
    expect(charterChanges('Same.\n', 'Same.')).toEqual({ added: [], removed: [] });
    expect(charterChanges('- Be kind.\n- Old rule.', '* Be kind.\n- New rule.')).toEqual({ added: ['New rule.'], removed: ['Old rule.'] });
  });

  it('tells a reporter plainly what happened, and counts hidden posts quietly', () => {
    expect(outcomeWords(null)).toBe('Waiting for a facilitator to look at it');
    expect(outcomeWords('hidden')).toContain('hid it for everyone');
    expect(outcomeWords('no-action')).toContain('no action');
    expect(outcomeWords('member-removed')).toContain('removed');
    expect(hiddenCountWords(2)).toBe('2 posts hidden by your content settings');
    expect(hiddenCountWords(1)).toBe('1 post hidden by your content settings');
    expect(Object.values(REPORT_REASON_LABELS).join(' ')).not.toMatch(/!/);
  });

  it('the default charter covers kindness, advice, graphic detail, privacy, crisis lines and care', () => {
    for (const words of ['Be kind', 'medication or diagnoses', 'graphic detail', 'stays here', 'not a crisis service', 'Support page (F1)', 'not a substitute for professional care']) {
      expect(DEFAULT_CHARTER).toContain(words);
    }
  });
});
