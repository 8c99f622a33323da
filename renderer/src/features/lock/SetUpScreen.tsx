// The first screen of a journal without a lock: why a passcode, choosing one, sealing the existing
// check-ins (with progress), and the recovery key, shown once.
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { LockKeyhole } from 'lucide-react';
import type { Platform } from '../../platform/platform';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import type { LockableVault } from './vaultContract';

const ChoosePasscode = lazy(() => import('./ChoosePasscode'));

type Step = { readonly kind: 'choose'; readonly failure: string | null } | { readonly kind: 'sealing'; readonly done: number; readonly total: number } | { readonly kind: 'recovery'; readonly recoveryKey: string };

export interface SetUpScreenProps {
  readonly vault: Pick<LockableVault, 'setUp'>;
  /** Check-ins already in the journal, written before the lock existed; they are sealed during set-up. */
  readonly existingCheckIns: number;
  readonly platform: Pick<Platform, 'saveFile'>;
  readonly onDone: () => void;
}

export function SetUpScreen({ vault, existingCheckIns, platform, onDone }: SetUpScreenProps): ReactNode {
  const [step, setStep] = useState<Step>({ kind: 'choose', failure: null });

  const choose = (passcode: string): void => {
    setStep({ kind: 'sealing', done: 0, total: existingCheckIns });
    vault
      .setUp(passcode, (done, total) => setStep({ kind: 'sealing', done, total }))
      .then(
        ({ recoveryKey }) => setStep({ kind: 'recovery', recoveryKey }),
        (error: unknown) =>
          setStep({
            kind: 'choose',
            failure: `Hearth couldn’t finish setting up the lock (${error instanceof Error ? error.message : String(error)}). Nothing has been lost: your check-ins are as they were. You can try again.`,
          }),
      );
  };

  return (
    <main className="lock-page" aria-labelledby="set-up-title">
      <div className="lock-card lock-card--wide">
        <span className="lock-card__mark" aria-hidden="true">
          <LockKeyhole />
        </span>
        {step.kind === 'recovery' ? (
          <>
            <h1 id="set-up-title" tabIndex={-1}>
              Your recovery key
            </h1>
            <p>If you ever forget your passcode, this key opens your journal. It is shown only now.</p>
            <RecoveryKeyPanel recoveryKey={step.recoveryKey} platform={platform} continueLabel="Open my journal" onContinue={onDone} />
          </>
        ) : (
          <>
            <h1 id="set-up-title" tabIndex={-1}>
              Lock your journal with a passcode
            </h1>
            <p>
              Hearth keeps your journal encrypted on this computer. Your passcode opens it; without it, the files are unreadable to anyone who copies them or uses this
              computer.
            </p>
            {existingCheckIns > 0 && (
              <p>
                {existingCheckIns === 1 ? 'The check-in already in your journal' : `The ${existingCheckIns.toLocaleString()} check-ins already in your journal`} will be locked too.
                Nothing is deleted.
              </p>
            )}
            {step.kind === 'sealing' ? (
              <Sealing done={step.done} total={step.total} />
            ) : (
              <>
                {step.failure !== null && (
                  <p className="notice notice--error" role="alert">
                    {step.failure}
                  </p>
                )}
                <Suspense fallback={<p className="muted">Getting ready…</p>}>
                  <ChoosePasscode submitLabel="Lock my journal" busy={false} onChoose={choose} />
                </Suspense>
              </>
            )}
          </>
        )}
      </div>
    </main>
  );
}

function Sealing({ done, total }: { done: number; total: number }): ReactNode {
  return (
    <div className="lock-progress" role="status">
      <p>{total > 0 ? `Locking your check-ins: ${done.toLocaleString()} of ${total.toLocaleString()}…` : 'Setting up the lock…'}</p>
      {total > 0 && <progress className="lock-progress__bar" max={total} value={done} aria-label="Check-ins locked" />}
      <p className="muted">Please keep Hearth open until this is done. If it stops, nothing is lost: set-up starts again next time.</p>
    </div>
  );
}
