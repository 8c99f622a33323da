// Deleting a check-in that is shared: deleting it from the journal does not reach into the circles, so the
// person chooses, knowingly, to keep the circle copy or to take it back as well. Nothing is retracted silently.
import { useId, useState, type ReactNode } from 'react';
import type { CheckIn } from '@shared/journal/checkIn';
import { useCheckInEditor } from '../checkin/editor';
import { CircleDialog } from '../circles/CircleDialog';
import { useCircles } from '../circles/CirclesProvider';
import { listNames, shareReport, type CircleResult } from './model';
import { placeName, type SharedPlace } from './places';
import { TAKE_BACK_NOTE } from './TakeBack';
import './share.css';

export default function DeleteSharedDialog({ checkIn, places, onClose }: { checkIn: CheckIn; places: readonly SharedPlace[]; onClose: () => void }): ReactNode {
  const editor = useCheckInEditor();
  const { service } = useCircles();
  const id = useId();
  const [busy, setBusy] = useState<'keep' | 'take-back' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const names = listNames(places.map(placeName));

  const keepShared = async (): Promise<void> => {
    if (busy) return;
    setBusy('keep');
    await editor.remove(checkIn, `Check-in deleted. It stays shared in ${names}; you can take it back from the circle’s page.`);
    onClose();
  };

  const takeBackAndDelete = async (): Promise<void> => {
    if (busy) return;
    if (!service) {
      setError('Circles are still starting. Try again in a moment.');
      return;
    }
    setBusy('take-back');
    const results: CircleResult[] = [];
    for (const place of places) {
      const name = placeName(place);
      const opened = await service.session(place.circleId);
      if (!opened.ok) {
        results.push({ name, ok: false, message: opened.message });
        continue;
      }
      // Already taken back (e.g. an earlier try that stopped half-way) counts as done.
      const ref = opened.value.sharedPostFor(checkIn.id);
      const outcome = ref ? await opened.value.retract(ref) : null;
      service.refresh(place.circleId);
      results.push(outcome === null || outcome.ok ? { name, ok: true } : { name, ok: false, message: outcome.message });
    }
    if (results.some((result) => !result.ok)) {
      // The check-in stays in the journal until every copy could be taken back, so nothing is lost half-way.
      setBusy(null);
      setError(`${shareReport(results, 'Taken back from').message} Your check-in has not been deleted.`);
      return;
    }
    await editor.remove(checkIn, `Check-in deleted and taken back from ${names}.`);
    onClose();
  };

  return (
    <CircleDialog
      title="Delete this check-in?"
      titleId={`${id}-title`}
      className="share-delete-dialog"
      onClose={onClose}
      footer={
        <>
          {error && (
            <p className="field-error footer-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button" disabled={busy !== null} onClick={() => void keepShared()}>
            Delete, keep it shared
          </button>
          <button type="button" className="button button--danger" disabled={busy !== null} onClick={() => void takeBackAndDelete()}>
            {busy === 'take-back' ? 'Taking it back…' : 'Take it back and delete'}
          </button>
        </>
      }
    >
      <div className="share-delete">
        <p>
          This check-in is shared to <strong>{names}</strong>. Deleting it removes it from your journal only; the circle copy stays unless
          you take it back as well.
        </p>
        <p className="muted">{TAKE_BACK_NOTE}</p>
      </div>
    </CircleDialog>
  );
}
