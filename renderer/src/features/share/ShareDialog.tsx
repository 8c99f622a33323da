// "Share to circle…": choose circles and the parts of the check-in, add a content warning if it helps, see
// exactly what will leave the device, and share. Where the entry is shared already: update the circle copy
// (an edited entry) or take it back.
import { useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { ShieldCheck } from 'lucide-react';
import { CONTENT_WARNING_TOPICS } from '@shared/circles/body';
import type { CheckIn } from '@shared/journal/checkIn';
import { useToasts } from '../../app/toasts';
import { formatDayMedium, formatTime } from '../../ui/format';
import type { ShareableField } from '../../circles/engine/sharedFields';
import { CircleDialog } from '../circles/CircleDialog';
import { useCircles } from '../circles/CirclesProvider';
import { PostContent } from '../circles/PostContent';
import {
  circleChoices,
  contentWarningOf,
  fieldOptions,
  initialFields,
  listNames,
  newestCopy,
  sameCopy,
  sharedCopy,
  sharedOn,
  shareReport,
  toggleField,
  toggleTopic,
  TOPIC_LABELS,
  warningChoiceOf,
  type CircleChoice,
  type CircleResult,
  type WarningChoice,
} from './model';
import { TakeBackConfirm } from './TakeBack';
import '../circles/circles.css';
import './share.css';
import { CrisisOffer } from '../safety';

type Problem = { readonly field: 'circles' | 'fields' | 'warning' | 'form'; readonly message: string };
type SharedChoice = Extract<CircleChoice, { kind: 'shared' }>;

export default function ShareDialog({ checkIn, onClose }: { checkIn: CheckIn; onClose: () => void }): ReactNode {
  const { service, snapshot } = useCircles();
  const { notify } = useToasts();
  const id = useId();
  const circlesHeading = useRef<HTMLHeadingElement>(null);
  const choices = useMemo(() => circleChoices(snapshot.circles, checkIn.id), [snapshot.circles, checkIn.id]);
  const options = useMemo(() => fieldOptions(checkIn), [checkIn]);
  // Until the person changes something, the choices follow the newest circle copy (which may arrive a
  // moment after the dialog opens), so an update keeps what they chose when they first shared.
  const [pickedFields, setPickedFields] = useState<ReadonlySet<ShareableField> | null>(null);
  const [pickedWarning, setPickedWarning] = useState<WarningChoice | null>(null);
  const [pickedCircles, setPickedCircles] = useState<ReadonlySet<string> | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const existing = newestCopy(choices);
  const fields = pickedFields ?? initialFields(checkIn, existing);
  const warningChoice = pickedWarning ?? warningChoiceOf(existing?.contentWarning);
  const warning = contentWarningOf(warningChoice);
  const copy = sharedCopy(checkIn, fields, warning.ok ? warning.warning : undefined);

  const shareable = choices.filter((choice) => choice.kind === 'can-share');
  const shared = choices.filter((choice): choice is SharedChoice => choice.kind === 'shared');
  const blocked = choices.filter((choice) => choice.kind === 'cannot-share');
  const chosen = pickedCircles ?? new Set(shareable.length === 1 && shared.length === 0 ? shareable.map((choice) => choice.circleId) : []);
  const targets = shareable.filter((choice) => chosen.has(choice.circleId));
  const offline = targets.filter((choice) => !choice.online).map((choice) => choice.name);

  const change = (): void => {
    if (problem) setProblem(null);
  };

  /** The copy is ready to leave: at least one field, and a warning (if on) that names a topic. */
  const readyCopy = (): boolean => {
    if (fields.size === 0) {
      setProblem({ field: 'fields', message: 'Choose at least one part of the check-in to share.' });
      return false;
    }
    if (!warning.ok) {
      setProblem({ field: 'warning', message: warning.message });
      return false;
    }
    return true;
  };

  const writeTo = async (circleId: string, name: string): Promise<CircleResult> => {
    if (!service) return { name, ok: false, message: 'Circles are still starting. Try again in a moment.' };
    const opened = await service.session(circleId);
    if (!opened.ok) return { name, ok: false, message: opened.message };
    const session = opened.value;
    const outcome = await session.share({ journalEntryId: checkIn.id, fields: copy.fields, ...(copy.contentWarning ? { contentWarning: copy.contentWarning } : {}) });
    // The record's journal → post map changed; the engine does not announce that by itself.
    service.refresh(circleId);
    return outcome.ok ? { name, ok: true, waiting: session.status().undelivered > 0 } : { name, ok: false, message: outcome.message };
  };

  const share = async (): Promise<void> => {
    if (busy !== null) return;
    if (targets.length === 0) {
      setProblem({ field: 'circles', message: 'Choose a circle to share to.' });
      return;
    }
    if (!readyCopy()) return;
    setBusy('share');
    const results: CircleResult[] = [];
    for (const target of targets) results.push(await writeTo(target.circleId, target.name));
    setBusy(null);
    const report = shareReport(results, 'Shared to');
    notify(report);
    if (results.every((result) => result.ok)) {
      onClose();
      return;
    }
    setPickedCircles(new Set(targets.filter((_, index) => !results[index]?.ok).map((target) => target.circleId)));
    setProblem({ field: 'form', message: report.message });
  };

  const update = async (choice: SharedChoice): Promise<void> => {
    if (busy !== null || !readyCopy()) return;
    setBusy(choice.circleId);
    const result = await writeTo(choice.circleId, choice.name);
    setBusy(null);
    notify(shareReport([result], 'Updated the copy in'));
  };

  const takeBack = async (choice: SharedChoice): Promise<void> => {
    if (busy !== null || !service) return;
    setBusy(choice.circleId);
    const opened = await service.session(choice.circleId);
    let result: CircleResult;
    if (!opened.ok) {
      result = { name: choice.name, ok: false, message: opened.message };
    } else {
      const ref = opened.value.sharedPostFor(checkIn.id);
      const outcome = ref ? await opened.value.retract(ref) : null;
      service.refresh(choice.circleId);
      result = outcome === null || outcome.ok ? { name: choice.name, ok: true, waiting: opened.value.status().undelivered > 0 } : { name: choice.name, ok: false, message: outcome.message };
    }
    setBusy(null);
    setConfirming(null);
    notify(shareReport([result], 'Taken back from'));
    // The row that held focus is about to change; keep the person in the same part of the dialog.
    circlesHeading.current?.focus();
  };

  const errorOf = (field: Problem['field']): ReactNode =>
    problem?.field === field && (
      <p id={`${id}-${field}-error`} className="field-error" role="alert">
        {problem.message}
      </p>
    );

  const hasCircles = snapshot.phase === 'ready' && choices.length > 0;
  const footer = (
    <>
      {errorOf('form')}
      <button type="button" className="button" onClick={onClose}>
        {shareable.length > 0 ? 'Cancel' : 'Close'}
      </button>
      {hasCircles && shareable.length > 0 && (
        <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => void share()}>
          {busy === 'share' ? 'Sharing…' : targets.length > 1 ? `Share to ${String(targets.length)} circles` : 'Share'}
        </button>
      )}
    </>
  );

  return (
    <CircleDialog title="Share to circle" titleId={`${id}-title`} className="share-dialog" onClose={onClose} footer={footer}>
      {snapshot.phase === 'starting' ? (
        <p className="muted" aria-busy="true">
          Opening your circles…
        </p>
      ) : snapshot.phase === 'unavailable' ? (
        <p className="notice notice--error" role="alert">
          {snapshot.message}
        </p>
      ) : choices.length === 0 ? (
        <div className="share-empty">
          <p className="share-empty__title">You’re not in a circle yet</p>
          <p>
            A circle is a small group of people you trust, such as a peer-support group. Once you have created or joined one, you can share a
            check-in with it from here. Until then, your journal stays on this device only.
          </p>
          <a className="button" href="#/circles" onClick={onClose}>
            Go to Circles
          </a>
        </div>
      ) : (
        <>
          <p className="share-about">
            Your check-in from {formatDayMedium(checkIn.day)} · {formatTime(checkIn.at, checkIn.zone)}
          </p>
          <div className="share-layout">
            <div className="share-choices">
              <section className="share-section" aria-labelledby={`${id}-circles`}>
                <h3 id={`${id}-circles`} ref={circlesHeading} tabIndex={-1}>
                  Circles
                </h3>
                {shared.length > 0 && (
                  <ul className="share-list" role="list" aria-label="Already shared to">
                    {shared.map((choice) => {
                      const upToDate = choice.copy !== null && sameCopy(choice.copy, copy);
                      return (
                        <li key={choice.circleId} className="share-circle share-circle--shared">
                          <div className="share-circle__text">
                            <span className="share-circle__name" id={`${id}-${choice.circleId}`}>
                              {choice.name}
                            </span>
                            <span className="share-circle__meta">
                              Shared on {sharedOn(choice.sharedAt)}
                              {choice.copy !== null && (upToDate ? ' · the circle has this version' : ' · the circle has an earlier version')}
                            </span>
                          </div>
                          <div className="share-circle__actions">
                            <button
                              type="button"
                              className="button button--small"
                              aria-describedby={`${id}-${choice.circleId}`}
                              disabled={upToDate || busy !== null}
                              onClick={() => void update(choice)}
                            >
                              {busy === choice.circleId && confirming === null ? 'Updating…' : 'Update the circle copy'}
                            </button>
                            <button
                              type="button"
                              className="button button--small button--quiet"
                              aria-describedby={`${id}-${choice.circleId}`}
                              aria-expanded={confirming === choice.circleId}
                              disabled={busy !== null}
                              onClick={() => setConfirming((current) => (current === choice.circleId ? null : choice.circleId))}
                            >
                              Take it back
                            </button>
                          </div>
                          {confirming === choice.circleId && (
                            <TakeBackConfirm from={choice.name} busy={busy === choice.circleId} onCancel={() => setConfirming(null)} onConfirm={() => void takeBack(choice)} />
                          )}
                        </li>
                      );
                    })}
                  </ul>
                )}
                {shareable.length > 0 && (
                  <fieldset className="share-fieldset" aria-describedby={problem?.field === 'circles' ? `${id}-circles-error` : undefined}>
                    <legend className="visually-hidden">Share to</legend>
                    <ul className="share-list" role="list">
                      {shareable.map((choice) => (
                        <li key={choice.circleId}>
                          <label className="share-option">
                            <input
                              type="checkbox"
                              checked={chosen.has(choice.circleId)}
                              onChange={() => {
                                const next = new Set(chosen);
                                if (next.has(choice.circleId)) next.delete(choice.circleId);
                                else next.add(choice.circleId);
                                setPickedCircles(next);
                                change();
                              }}
                            />
                            <span className="share-circle__name">{choice.name}</span>
                            {' '}
                            <span className="share-option__value">as “{choice.pseudonym}”</span>
                          </label>
                        </li>
                      ))}
                    </ul>
                  </fieldset>
                )}
                {blocked.length > 0 && (
                  <ul className="share-list" role="list" aria-label="Not available for sharing">
                    {blocked.map((choice) => (
                      <li key={choice.circleId} className="share-circle share-circle--blocked">
                        <div className="share-circle__text">
                          <span className="share-circle__name">{choice.name}</span>
                          <span className="share-circle__meta">{choice.reason}</span>
                        </div>
                        <a className="button button--small button--quiet" href={`#/circles?circle=${encodeURIComponent(choice.circleId)}`} aria-label={`Open ${choice.name}`} onClick={onClose}>
                          Open circle
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
                {offline.length > 0 && (
                  <p className="share-note">
                    No one else in {listNames(offline)} is online right now. It is kept on this device and goes out when a member is online.
                  </p>
                )}
                {errorOf('circles')}
              </section>

              <fieldset className="share-section share-fieldset" aria-describedby={problem?.field === 'fields' ? `${id}-fields-error` : undefined}>
                <legend className="share-section__title">What to share</legend>
                <ul className="share-list" role="list">
                  {options.map((option) => (
                    <li key={option.field}>
                      <label className={`share-option share-option--field${option.value === null ? ' share-option--empty' : ''}`}>
                        <input
                          type="checkbox"
                          checked={fields.has(option.field)}
                          disabled={option.value === null}
                          onChange={() => {
                            setPickedFields(toggleField(fields, option.field));
                            change();
                          }}
                        />
                        <span className="share-option__label">{option.label}</span>
                        {' '}
                        <span className="share-option__value">{option.value ?? 'Nothing in this check-in'}</span>
                      </label>
                    </li>
                  ))}
                </ul>
                <p className="share-note">Your medication answer is never shared.</p>
                {errorOf('fields')}
              </fieldset>

              <section className="share-section" aria-labelledby={`${id}-warning`}>
                <h3 id={`${id}-warning`} className="visually-hidden">
                  Content warning
                </h3>
                <label className="share-option">
                  <input
                    type="checkbox"
                    checked={warningChoice.on}
                    onChange={() => {
                      setPickedWarning({ ...warningChoice, on: !warningChoice.on });
                      change();
                    }}
                  />
                  <span className="share-option__label">Add a content warning</span>
                  {' '}
                  <span className="share-option__value">Members see the post covered until they choose to open it.</span>
                </label>
                {warningChoice.on && (
                  <div className="share-warning">
                    <div role="group" aria-labelledby={`${id}-topics`} aria-describedby={problem?.field === 'warning' ? `${id}-warning-error` : undefined}>
                      <p id={`${id}-topics`} className="field__label">
                        Topics
                      </p>
                      <ul className="chip-list" role="list">
                        {CONTENT_WARNING_TOPICS.map((topic) => (
                          <li key={topic}>
                            <label className="chip-toggle">
                              <input
                                type="checkbox"
                                checked={warningChoice.topics.includes(topic)}
                                onChange={() => {
                                  setPickedWarning(toggleTopic(warningChoice, topic));
                                  change();
                                }}
                              />
                              <span>{TOPIC_LABELS[topic]}</span>
                            </label>
                          </li>
                        ))}
                      </ul>
                    </div>
                    <div className="field">
                      <label className="field__label" htmlFor={`${id}-custom`}>
                        Other topics <span className="optional">optional</span>
                      </label>
                      <input
                        id={`${id}-custom`}
                        className="input"
                        value={warningChoice.custom}
                        maxLength={200}
                        autoComplete="off"
                        aria-describedby={`${id}-custom-hint`}
                        onChange={(event) => {
                          setPickedWarning({ ...warningChoice, custom: event.target.value });
                          change();
                        }}
                      />
                      <p id={`${id}-custom-hint`} className="field__hint">
                        In your own words; separate several with commas.
                      </p>
                    </div>
                    {errorOf('warning')}
                  </div>
                )}
              </section>
            </div>

            <section className="share-preview" aria-labelledby={`${id}-preview`}>
              <h3 id={`${id}-preview`}>What members will see</h3>
              {copy.contentWarning && <p className="share-note">At first they see it covered, with the warning, until they choose to open it.</p>}
              <div className="card post share-preview__post" role="group" aria-label="Preview">
                <div className="post__body">
                  <PostContent fields={copy.fields} contentWarning={copy.contentWarning} />
                  {fields.size === 0 && <p className="muted">Nothing chosen yet.</p>}
                </div>
              </div>
              <p className="share-preview__promise">
                <ShieldCheck aria-hidden="true" />
                Only what is shown here leaves this device. Your medication answer and private journal never do.
              </p>
              {/* Before words leave the device, the same gentle offer as in the journal; sharing goes on either way. */}
              <CrisisOffer text={copy.fields.note ?? ''} />
            </section>
          </div>
        </>
      )}
    </CircleDialog>
  );
}
