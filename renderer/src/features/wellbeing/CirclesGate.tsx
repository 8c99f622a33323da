// Stands in front of Circles: during a break, a calm "You're taking a break" screen (with "Open anyway",
// never a block); once today's circle time is spent, a kind note that can be closed. The journal is untouched.
import { useState, type ReactNode } from 'react';
import { Leaf } from 'lucide-react';
import { isOnBreak } from '@shared/wellbeing/circleBreak';
import type { CircleBreak } from '@shared/wellbeing/settings';
import { useRoute } from '../../app/router';
import { useSettings } from '../../app/settings';
import { useSaveSettings } from '../settings/saveSettings';
import { useCircleTimeNudge } from './circleTime';
import { formatBreakEnd } from './format';
import { useNow } from './useNow';
import './wellbeing.css';

/** The break (by its start) the person chose to look past; kept for this run of the app only. */
let openedAnywayFor: number | null = null;

export function CirclesGate({ children }: { children: ReactNode }): ReactNode {
  const { settings } = useSettings();
  const circleBreak = settings.wellbeing.circleBreak;
  const now = useNow(30_000);
  const [openedAnyway, setOpenedAnyway] = useState(openedAnywayFor);
  const { params } = useRoute();

  if (circleBreak && isOnBreak(circleBreak, now) && openedAnyway !== circleBreak.since) {
    return (
      <BreakScreen
        circleBreak={circleBreak}
        onOpenAnyway={() => {
          openedAnywayFor = circleBreak.since;
          setOpenedAnyway(circleBreak.since);
        }}
      />
    );
  }
  return (
    <>
      {params.has('circle') && <CircleTimeNudge />}
      {children}
    </>
  );
}

function BreakScreen({ circleBreak, onOpenAnyway }: { circleBreak: CircleBreak; onOpenAnyway: () => void }): ReactNode {
  const save = useSaveSettings();
  const [ending, setEnding] = useState(false);
  const end = (): void => {
    setEnding(true);
    void save((current) => ({ wellbeing: { ...current.wellbeing, circleBreak: null } })).then(() => setEnding(false));
  };
  return (
    <section className="view break-screen" aria-labelledby="break-title">
      <div className="card break-screen__card">
        <Leaf className="break-screen__icon" aria-hidden="true" />
        <h1 id="break-title" tabIndex={-1}>
          You’re taking a break
        </h1>
        <p>
          {circleBreak.until === null ? 'Your break from circles lasts until you end it.' : `Your break from circles ends on ${formatBreakEnd(circleBreak.until)}.`} Circle
          notifications are paused until then. Your journal works as always.
        </p>
        <p className="muted">Your circles keep syncing quietly in the background, so nothing is lost while you’re away.</p>
        <div className="break-screen__actions">
          <button type="button" className="button" onClick={onOpenAnyway}>
            Open circles anyway
          </button>
          <button type="button" className="button button--quiet" disabled={ending} onClick={end}>
            End my break
          </button>
        </div>
      </div>
    </section>
  );
}

function CircleTimeNudge(): ReactNode {
  const nudge = useCircleTimeNudge();
  return (
    <div className="circle-time-nudge" role="status">
      {nudge.show && (
        <div className="card circle-time-nudge__card">
          <Leaf className="circle-time-nudge__icon" aria-hidden="true" />
          <p>You’ve spent your circle time for today. Maybe time for something else? You can keep going if you need to.</p>
          <button type="button" className="button button--small" onClick={nudge.dismiss}>
            Okay
          </button>
        </div>
      )}
    </div>
  );
}
