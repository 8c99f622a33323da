// The gentle offer shown under a draft when the crisis check fires: the safety plan and crisis lines,
// one click away, without losing the draft. It never blocks saving and never sends anything.
import { useState, type ReactNode } from 'react';
import { HeartHandshake } from 'lucide-react';
import { openSupport } from './support';
import { useCrisisCheck } from './useCrisisCheck';

export interface CrisisOfferProps {
  /** The draft being written (a check-in note, a circle post or reply). */
  readonly text: string;
}

export function CrisisOffer({ text }: CrisisOfferProps): ReactNode {
  const check = useCrisisCheck(text);
  const [dismissed, setDismissed] = useState(false);
  const shown = check.offer && !dismissed;

  return (
    // Always present, so a screen reader hears the card, politely, when it appears.
    <div className="crisis-offer-region" aria-live="polite" aria-busy={check.pending}>
      {shown && (
        <section className="crisis-offer" aria-label="Support is here if you need it">
          <HeartHandshake className="crisis-offer__icon" aria-hidden="true" />
          <div className="crisis-offer__body">
            <p className="crisis-offer__text">It sounds like things might be really hard right now. You don&rsquo;t have to go through it alone.</p>
            <div className="crisis-offer__actions">
              <button type="button" className="button button--small" onClick={() => openSupport('plan')}>
                Open my safety plan
              </button>
              <button type="button" className="button button--small" onClick={() => openSupport('lines')}>
                See crisis lines
              </button>
              <button type="button" className="button button--small button--quiet" onClick={() => setDismissed(true)}>
                Not now
              </button>
            </div>
            <p className="crisis-offer__note muted">This check happens only on your device. Nothing is sent or saved.</p>
          </div>
        </section>
      )}
    </div>
  );
}
