// The person's safety plan: the six Stanley–Brown steps and, optionally, reasons for living. Saves on
// its own a moment after typing stops (and when leaving), with a clear "Saved" state; stored on this
// device only.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { Check, Phone, Plus, Trash2 } from 'lucide-react';
import { dialable, isPlanEmpty, PLAN_LIMITS, type Contact, type PlanContactField, type PlanTextField, type SafetyPlan } from '@shared/safety/safetyPlan';
import { useLive } from '../../app/liveQuery';
import { useServices } from '../../app/services';
import { SafetyPlanStore } from '../../db/safetyPlanStore';
import { useNow } from '../circles/useNow';
import { CircleMemberPicker } from './CircleMemberPicker';
import { savedLabel } from './model';

/** How long typing must pause before the plan saves itself. */
const SAVE_AFTER_MS = 700;

type SaveState = { readonly kind: 'idle' } | { readonly kind: 'pending' } | { readonly kind: 'saving' } | { readonly kind: 'saved'; readonly at: number } | { readonly kind: 'error'; readonly message: string };

interface TextStep {
  readonly kind: 'text';
  readonly field: PlanTextField;
  readonly title: string;
  readonly hint: string;
  readonly example: string;
}
interface ContactStep {
  readonly kind: 'contacts';
  readonly field: PlanContactField;
  readonly title: string;
  readonly hint: string;
}

const STEPS: readonly (TextStep | ContactStep)[] = [
  { kind: 'text', field: 'warningSigns', title: 'Warning signs', hint: 'Thoughts, moods, situations or habits that tell me a hard time may be starting.', example: 'e.g. Not sleeping, cancelling plans, thinking "what\'s the point"' },
  { kind: 'text', field: 'copingStrategies', title: 'Things I can do on my own', hint: 'Ways to take my mind off things without contacting anyone.', example: 'e.g. A hot shower, a walk round the block, the playlist that calms me' },
  { kind: 'text', field: 'distractions', title: 'People and places that take my mind off things', hint: 'Where I can be around others, and who I can spend time with.', example: 'e.g. The café on the corner, calling my cousin about football' },
  { kind: 'contacts', field: 'helpers', title: 'People I can ask for help', hint: 'People I trust to talk to when things get hard.' },
  { kind: 'contacts', field: 'professionals', title: 'Professionals and services I can contact', hint: 'My doctor, a therapist, a local crisis team. The crisis lines on this page are here too.' },
  { kind: 'text', field: 'safeEnvironment', title: 'Making my surroundings safer', hint: 'Steps that put distance between me and anything I could use to hurt myself.', example: 'e.g. Ask someone to keep my medication, keep sharp things out of the bedroom' },
];

export function SafetyPlanEditor({ headingId }: { headingId: string }): ReactNode {
  const { journal } = useServices();
  const store = useMemo(() => new SafetyPlanStore(journal.db), [journal]);
  const live = useLive(() => store.get(), [store]);
  // Edits not yet seen back from storage. `savedAt` is set once they are saved; the stored plan takes
  // over again when the live query has caught up, so the screen never flashes back to older text.
  const [local, setLocal] = useState<{ readonly plan: SafetyPlan; readonly savedAt: number | null } | null>(null);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const pending = useRef<SafetyPlan | null>(null);
  const timer = useRef<number | undefined>(undefined);

  if (local && local.savedAt !== null && live.status === 'ready' && live.value.updatedAt >= local.savedAt) setLocal(null);
  const plan = local?.plan ?? (live.status === 'ready' ? live.value : null);

  const flush = useCallback(async () => {
    window.clearTimeout(timer.current);
    const current = pending.current;
    if (!current) return;
    setSave({ kind: 'saving' });
    try {
      const stored = await store.save(current);
      // Newer edits made while this save ran are still waiting: their own save will say "Saved".
      if (pending.current !== current) return;
      pending.current = null;
      setLocal({ plan: stored, savedAt: stored.updatedAt });
      setSave({ kind: 'saved', at: stored.updatedAt });
    } catch (error) {
      setSave({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, [store]);

  // Leaving the page (or closing the sheet) saves whatever is still waiting.
  useEffect(() => () => void flush(), [flush]);
  useEffect(() => {
    const onHide = (): void => void flush();
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [flush]);

  const change = (next: SafetyPlan): void => {
    pending.current = next;
    setLocal({ plan: next, savedAt: null });
    setSave({ kind: 'pending' });
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), SAVE_AFTER_MS);
  };

  if (live.status === 'error') {
    return (
      <p className="notice notice--error" role="alert">
        Your safety plan could not be read from this device&rsquo;s storage. Nothing has been deleted. Try reloading Hearth. ({live.error.message})
      </p>
    );
  }
  // Tall while loading, so "Open my safety plan" can scroll the heading to the top before the plan arrives.
  if (plan === null) return <div className="safety-plan__loading" aria-busy="true" />;

  return (
    <div className="safety-plan" aria-labelledby={headingId}>
      <div className="safety-plan__top">
        <SaveStatus state={save} updatedAt={plan.updatedAt} onRetry={() => void flush()} />
      </div>
      {isPlanEmpty(plan) && (
        <div className="safety-plan__guidance">
          <p>
            A safety plan is a short list you write for yourself, at a calmer moment, for the times that are hardest. Start with any step; a few words are enough, and you can change it
            whenever you like.
          </p>
          <p className="muted">It is stored only on this device.</p>
        </div>
      )}
      <ol className="plan-steps" role="list">
        {STEPS.map((step, index) => (
          <li key={step.field} className="plan-step">
            <span className="plan-step__number" aria-hidden="true">
              {index + 1}
            </span>
            {step.kind === 'text' ? (
              <TextStepField step={step} number={index + 1} value={plan[step.field]} onChange={(value) => change({ ...plan, [step.field]: value })} onBlur={() => void flush()} />
            ) : (
              <ContactsStep step={step} number={index + 1} contacts={plan[step.field]} onChange={(contacts) => change({ ...plan, [step.field]: contacts })} onBlur={() => void flush()} />
            )}
          </li>
        ))}
      </ol>
      <div className="plan-step plan-step--optional">
        <span className="plan-step__number plan-step__number--heart" aria-hidden="true">
          ♡
        </span>
        <TextStepField
          step={{ kind: 'text', field: 'reasonsForLiving', title: 'My reasons for living', hint: 'Optional. The people, hopes and things that matter most to me.', example: 'e.g. My niece, the sea in summer, finishing the quilt' }}
          value={plan.reasonsForLiving}
          onChange={(value) => change({ ...plan, reasonsForLiving: value })}
          onBlur={() => void flush()}
        />
      </div>
    </div>
  );
}

function SaveStatus({ state, updatedAt, onRetry }: { state: SaveState; updatedAt: number; onRetry: () => void }): ReactNode {
  const now = useNow();
  let content: ReactNode = updatedAt > 0 ? savedLabel(updatedAt, now) : 'Changes save on their own.';
  if (state.kind === 'pending' || state.kind === 'saving') content = 'Saving…';
  if (state.kind === 'saved')
    content = (
      <>
        <Check aria-hidden="true" /> Saved
      </>
    );
  return (
    <div className="plan-save" role="status">
      {state.kind === 'error' ? (
        <span className="plan-save__error">
          Your plan couldn&rsquo;t be saved just now. What you wrote is still here. ({state.message}){' '}
          <button type="button" className="button button--small" onClick={onRetry}>
            Try again
          </button>
        </span>
      ) : (
        <span className={state.kind === 'saved' ? 'plan-save__ok' : 'muted'}>{content}</span>
      )}
    </div>
  );
}

function TextStepField({ step, number, value, onChange, onBlur }: { step: TextStep; number?: number; value: string; onChange: (value: string) => void; onBlur: () => void }): ReactNode {
  const id = useId();
  return (
    <div className="plan-step__body">
      <label className="plan-step__title" htmlFor={id}>
        {number !== undefined && <span className="visually-hidden">Step {number}: </span>}
        {step.title}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {step.hint}
      </p>
      <textarea id={id} className="textarea plan-step__text" value={value} maxLength={PLAN_LIMITS.textLength} placeholder={step.example} aria-describedby={`${id}-hint`} onChange={(event) => onChange(event.target.value)} onBlur={onBlur} />
    </div>
  );
}

function ContactsStep({ step, number, contacts, onChange, onBlur }: { step: ContactStep; number: number; contacts: readonly Contact[]; onChange: (contacts: Contact[]) => void; onBlur: () => void }): ReactNode {
  const id = useId();
  const rows = contacts.length > 0 ? contacts : [{ name: '', phone: '' }];
  const set = (index: number, patch: Partial<Contact>): void => onChange(rows.map((contact, at) => (at === index ? { ...contact, ...patch } : contact)));
  const remove = (index: number): void => onChange(rows.filter((_, at) => at !== index));
  const full = rows.length >= PLAN_LIMITS.contacts;

  return (
    <div className="plan-step__body" role="group" aria-labelledby={`${id}-title`}>
      <span className="plan-step__title" id={`${id}-title`}>
        <span className="visually-hidden">Step {number}: </span>
        {step.title}
      </span>
      <p className="field__hint">{step.hint}</p>
      {step.field === 'helpers' && <p className="plan-step__care">Peer support is not a substitute for professional care.</p>}
      <ul className="plan-contacts" role="list">
        {rows.map((contact, index) => {
          const digits = contact.phone.trim() ? dialable(contact.phone) : null;
          const label = contact.name.trim() || `person ${String(index + 1)}`;
          return (
            <li key={index} className="plan-contact">
              <div className="plan-contact__fields">
                <div className="field">
                  <label className="field__label" htmlFor={`${id}-name-${String(index)}`}>
                    Name
                  </label>
                  <input id={`${id}-name-${String(index)}`} className="input" value={contact.name} maxLength={PLAN_LIMITS.nameLength} onChange={(event) => set(index, { name: event.target.value })} onBlur={onBlur} />
                </div>
                <div className="field">
                  <label className="field__label" htmlFor={`${id}-phone-${String(index)}`}>
                    Phone
                  </label>
                  <input
                    id={`${id}-phone-${String(index)}`}
                    className="input"
                    type="tel"
                    inputMode="tel"
                    value={contact.phone}
                    maxLength={PLAN_LIMITS.phoneLength}
                    aria-describedby={contact.phone.trim() && !digits ? `${id}-phone-${String(index)}-hint` : undefined}
                    onChange={(event) => set(index, { phone: event.target.value })}
                    onBlur={onBlur}
                  />
                </div>
                <div className="plan-contact__actions">
                  {digits && (
                    <a className="button button--small button--quiet" href={`tel:${digits}`} aria-label={`Call ${label}`}>
                      <Phone aria-hidden="true" /> Call
                    </a>
                  )}
                  {(rows.length > 1 || contact.name || contact.phone) && (
                    <button type="button" className="button button--small button--quiet button--icon" aria-label={`Remove ${label}`} onClick={() => remove(index)}>
                      <Trash2 aria-hidden="true" />
                    </button>
                  )}
                </div>
              </div>
              {contact.via && <p className="plan-contact__via muted">From the circle &ldquo;{contact.via}&rdquo;</p>}
              {contact.phone.trim() && !digits && (
                <p className="field__hint" id={`${id}-phone-${String(index)}-hint`}>
                  This number can&rsquo;t be dialled as written (use digits, spaces, + and brackets). It is saved as you typed it.
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <div className="plan-contacts__add">
        <button type="button" className="button button--small" disabled={full} onClick={() => onChange([...rows, { name: '', phone: '' }])}>
          <Plus aria-hidden="true" /> Add a person
        </button>
      </div>
      {step.field === 'helpers' && !full && (
        <CircleMemberPicker
          onChoose={(member) =>
            onChange([...rows.filter((contact) => contact.name.trim() || contact.phone.trim()), { name: member.pseudonym, phone: '', via: member.circleName }])
          }
        />
      )}
    </div>
  );
}

