// Checks a draft for crisis language a moment after typing pauses, entirely on this device.
import { useEffect, useState } from 'react';
import { checkForCrisis, type CrisisCheck } from '@shared/safety/crisisCheck';
import { useSettings } from '../../app/settings';

const NO_OFFER: CrisisCheck = { offer: false, reasons: [] };

export interface DraftCrisisCheck extends CrisisCheck {
  /** True while typing has not paused long enough for the latest text to be checked. */
  readonly pending: boolean;
}

/** How long typing must pause before the draft is checked. */
export const CRISIS_CHECK_DELAY_MS = 500;

/**
 * The crisis check of `text`, debounced. Always "no offer" when the person turned the check off in
 * Settings. Nothing is stored or sent: the text goes only to a pure function.
 */
export function useCrisisCheck(text: string, delayMs: number = CRISIS_CHECK_DELAY_MS): DraftCrisisCheck {
  const { settings } = useSettings();
  const enabled = settings.safety.crisisCheck;
  const [result, setResult] = useState<{ text: string; check: CrisisCheck }>({ text: '', check: NO_OFFER });

  useEffect(() => {
    if (!enabled) return;
    const timer = window.setTimeout(() => setResult({ text, check: checkForCrisis(text) }), delayMs);
    return () => window.clearTimeout(timer);
  }, [text, enabled, delayMs]);

  // A cleared draft hides the offer at once rather than after the pause.
  if (!enabled || text.trim() === '') return { ...NO_OFFER, pending: false };
  return { ...result.check, pending: result.text !== text };
}
