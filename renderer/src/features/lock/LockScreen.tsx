// The lock screen: the passcode, or the recovery key (then a new passcode), or this computer's keychain.
// Wrong attempts only make the next one wait, shown as a calm countdown; nothing is ever erased.
import { lazy, Suspense, useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { KeyRound, LockKeyhole } from 'lucide-react';
import { parseRecoveryKey } from '@shared/vault/keys';
import { waitMessage } from '@shared/vault/passcode';
import type { KeychainControl } from '../../platform/platform';
import { waitLeft } from './model';
import { LockedSupportLink } from './LockedSupport';
import type { LockableVault, UnlockOutcome } from './vaultContract';

const ChoosePasscode = lazy(() => import('./ChoosePasscode'));

export const LOCK_READY_MARK = 'hearth:lock-ready';

type Mode = 'passcode' | 'recovery' | 'new-passcode';

/** The closing sentence of @shared/vault/passcode's waitMessage, as the vault appends it to a refusal. */
const WAIT_SENTENCE = /\s*You can try again in \d+ (?:seconds?|minutes?)\. Nothing has been erased\.$/;

export interface LockScreenProps {
  readonly vault: Pick<LockableVault, 'status' | 'unlockWithPasscode' | 'unlockWithRecoveryKey' | 'unlockWithKeychain' | 'keychainSealed' | 'changePasscode'>;
  /** This computer's keychain, or null where there is none (the browser preview). */
  readonly keychain: KeychainControl | null;
  /** Try the keychain at once (when Hearth starts, not after the person locked it). */
  readonly tryKeychainFirst: boolean;
  readonly onUnlocked: () => void;
  /** Injected for tests; the clock the countdown reads. */
  readonly now?: () => number;
}

export function LockScreen({ vault, keychain, tryKeychainFirst, onUnlocked, now = Date.now }: LockScreenProps): ReactNode {
  const initial = vault.status();
  const [mode, setMode] = useState<Mode>('passcode');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(initial.kind === 'locked' ? initial.retryAt : null);
  const problem = initial.kind === 'locked' ? initial.problem : null;
  const sealed = initial.kind === 'locked' && initial.keychain ? vault.keychainSealed() : null;
  const canUseKeychain = keychain !== null && sealed !== null;
  const field = useRef<HTMLInputElement>(null);

  const finish = (outcome: UnlockOutcome, next: () => void): void => {
    setBusy(false);
    if (outcome.ok) {
      setMessage(null);
      next();
      return;
    }
    // The vault's sentence ends with the wait when one starts; the countdown below says it live instead.
    setMessage(outcome.retryAt === null ? outcome.message : outcome.message.replace(WAIT_SENTENCE, ''));
    setRetryAt(outcome.retryAt);
    field.current?.select();
  };
  const fail = (error: unknown): void => {
    setBusy(false);
    setMessage(`Hearth couldn’t check that (${error instanceof Error ? error.message : String(error)}). Nothing has been changed; please try again.`);
  };

  const openWithKeychain = async (): Promise<void> => {
    if (keychain === null || sealed === null) return;
    setBusy(true);
    try {
      const opened = await keychain.open(sealed);
      if (!opened.ok) {
        setBusy(false);
        setMessage(opened.message);
        return;
      }
      finish(await vault.unlockWithKeychain(opened.secret), onUnlocked);
    } catch (error) {
      fail(error);
    }
  };

  // For the start-up benchmark (tests/bench/shell.ts): when the lock screen is ready for a passcode.
  useEffect(() => {
    if (performance.getEntriesByName(LOCK_READY_MARK).length === 0) performance.mark(LOCK_READY_MARK);
  }, []);

  const triedKeychain = useRef(false);
  useEffect(() => {
    if (!tryKeychainFirst || !canUseKeychain || triedKeychain.current) return;
    triedKeychain.current = true;
    void openWithKeychain();
    // Once, when the screen first shows.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return (
    <main className="lock-page" aria-labelledby="lock-title">
      <div className="lock-card">
        <span className="lock-card__mark" aria-hidden="true">
          <LockKeyhole />
        </span>
        {mode === 'new-passcode' ? (
          <>
            <h1 id="lock-title" tabIndex={-1}>
              Choose a new passcode
            </h1>
            <p>Your journal is open. Choose a passcode for next time; your recovery key keeps working too.</p>
            {message !== null && (
              <p className="notice notice--error" role="alert">
                {message}
              </p>
            )}
            <Suspense fallback={<p className="muted">Getting ready…</p>}>
              <ChoosePasscode
                submitLabel="Save passcode and open"
                busy={busy}
                onChoose={(passcode) => {
                  setBusy(true);
                  vault.changePasscode(passcode).then(onUnlocked, (error: unknown) => {
                    setBusy(false);
                    setMessage(`The new passcode couldn’t be saved (${error instanceof Error ? error.message : String(error)}). Your journal is unchanged; try again.`);
                  });
                }}
              />
            </Suspense>
          </>
        ) : (
          <>
            <h1 id="lock-title" tabIndex={-1}>
              Hearth is locked
            </h1>
            {problem !== null && (
              <p className="notice notice--error" role="alert">
                {problem}
              </p>
            )}
            {mode === 'passcode' ? (
              <PasscodeForm
                field={field}
                busy={busy}
                retryAt={retryAt}
                now={now}
                onSubmit={(passcode) => {
                  setBusy(true);
                  vault.unlockWithPasscode(passcode).then((outcome) => finish(outcome, onUnlocked), fail);
                }}
              />
            ) : (
              <RecoveryForm
                field={field}
                busy={busy}
                onSubmit={(recoveryKey) => {
                  setBusy(true);
                  vault.unlockWithRecoveryKey(recoveryKey).then((outcome) => finish(outcome, () => setMode('new-passcode')), fail);
                }}
              />
            )}
            <p className="lock-message" role="alert">
              {message}
            </p>
            {mode === 'passcode' && canUseKeychain && (
              <button type="button" className="button lock-card__keychain" aria-disabled={busy} onClick={() => void (busy ? undefined : openWithKeychain())}>
                <KeyRound aria-hidden="true" /> Unlock with this computer’s keychain
              </button>
            )}
            <button
              type="button"
              className="button button--quiet lock-card__switch"
              onClick={() => {
                setMode(mode === 'passcode' ? 'recovery' : 'passcode');
                setMessage(null);
              }}
            >
              {mode === 'passcode' ? 'Use recovery key instead' : 'Use passcode instead'}
            </button>
            <p className="lock-card__reassure muted">However many tries it takes, nothing is ever erased.</p>
          </>
        )}
        <LockedSupportLink />
      </div>
    </main>
  );
}

function PasscodeForm({ field, busy, retryAt, now, onSubmit }: { field: RefObject<HTMLInputElement | null>; busy: boolean; retryAt: number | null; now: () => number; onSubmit: (passcode: string) => void }): ReactNode {
  const [passcode, setPasscode] = useState('');
  const left = useWaitLeft(retryAt, now);
  const waiting = left > 0;

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (busy || waiting || passcode === '') return;
    onSubmit(passcode);
  };

  return (
    <form className="lock-form" onSubmit={submit}>
      <label className="field__label" htmlFor="lock-passcode">
        Passcode
      </label>
      <div className="lock-form__row">
        {/* The lock screen exists to take this passcode, so it starts focused. */}
        {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
        <input id="lock-passcode" ref={field} className="input" type="password" autoComplete="current-password" autoFocus value={passcode} onChange={(event) => setPasscode(event.target.value)} />
        <button type="submit" className="button button--primary" aria-disabled={busy || waiting || passcode === ''}>
          {busy ? 'Opening…' : 'Unlock'}
        </button>
      </div>
      {waiting && (
        <p className="lock-wait" aria-live="off">
          {waitMessage(left)}
        </p>
      )}
    </form>
  );
}

function RecoveryForm({ field, busy, onSubmit }: { field: RefObject<HTMLInputElement | null>; busy: boolean; onSubmit: (recoveryKey: string) => void }): ReactNode {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (busy) return;
    const parsed = parseRecoveryKey(text);
    if (!parsed.ok) {
      setProblem(parsed.message);
      return;
    }
    setProblem(null);
    onSubmit(parsed.key);
  };
  return (
    <form className="lock-form" onSubmit={submit} noValidate>
      <label className="field__label" htmlFor="lock-recovery">
        Recovery key
      </label>
      <p id="lock-recovery-hint" className="field__hint">
        The 36 characters you printed, saved or wrote down when you set up the lock. Spaces and dashes don’t matter.
      </p>
      <div className="lock-form__row">
        {/* eslint-disable-next-line jsx-a11y/no-autofocus */}
        <input id="lock-recovery" ref={field} className="input lock-form__recovery" autoComplete="off" spellCheck={false} autoFocus aria-describedby="lock-recovery-hint" aria-invalid={problem !== null} value={text} onChange={(event) => setText(event.target.value)} />
        <button type="submit" className="button button--primary" aria-disabled={busy}>
          {busy ? 'Opening…' : 'Unlock'}
        </button>
      </div>
      {problem !== null && (
        <p className="notice notice--error" role="alert">
          {problem}
        </p>
      )}
    </form>
  );
}

/** Milliseconds still to wait; the clock is read once a second while the lock screen shows. */
function useWaitLeft(retryAt: number | null, now: () => number): number {
  const [time, setTime] = useState(now);
  useEffect(() => {
    const timer = window.setInterval(() => setTime(now()), 1000);
    return () => window.clearInterval(timer);
  }, [now]);
  return waitLeft(retryAt, time);
}
