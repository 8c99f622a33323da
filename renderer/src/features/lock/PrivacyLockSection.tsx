// Settings → Privacy & lock: lock now, lock after idle minutes, change the passcode, make a new recovery
// key, and (desktop only) let this computer's keychain open Hearth when it starts.
import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Lock } from 'lucide-react';
import { LOCK_AFTER_CHOICES, type LockAfterMinutes } from '@shared/settings';
import type { KeychainStatus } from '@shared/ipc/contract';
import { useServices } from '../../app/services';
import { useSettings } from '../../app/settings';
import { SettingsRow, Switch, usePendingValue } from '../settings/controls';
import { useSaveSettings } from '../settings/saveSettings';
import { lockHearth } from './lockNow';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';
import { useVault } from './vaultContext';
import type { LockableVault } from './vaultContract';
import type { KeychainControl } from '../../platform/platform';
import './lock.css';

const ChoosePasscode = lazy(() => import('./ChoosePasscode'));

function isLockAfter(value: number): value is LockAfterMinutes {
  return (LOCK_AFTER_CHOICES as readonly number[]).includes(value);
}

function errorText(error: unknown): string {
  return error instanceof Error && error.message ? error.message : String(error);
}

type Note = { readonly tone: 'done' | 'error'; readonly text: string } | null;

export function PrivacyLockSection(): ReactNode {
  const { platform } = useServices();
  const { settings } = useSettings();
  const save = useSaveSettings();
  const vault = useVault();
  const [minutes, chooseMinutes] = usePendingValue(settings.lockAfterMinutes);
  const key = platform.kind === 'electron' && navigator.userAgent.includes('Mac') ? '⌘⇧L' : 'Ctrl+Shift+L';

  return (
    <section className="card settings-section privacy-lock" aria-labelledby="privacy-lock-title">
      <h2 id="privacy-lock-title">
        <Lock aria-hidden="true" /> Privacy &amp; lock
      </h2>
      <p className="settings-section__intro muted">
        Your journal is stored only on this device, encrypted. Only your passcode or your recovery key can open it; nothing is sent anywhere.
      </p>

      <SettingsRow
        label="Lock now"
        hintId="lock-now-hint"
        hint={
          <>
            Or press <kbd className="kbd">{key}</kbd> anywhere in Hearth. The window is covered at once and your passcode is needed to open it; a check-in you are writing
            is kept for after.
          </>
        }
      >
        <button type="button" className="button" aria-describedby="lock-now-hint" onClick={() => void lockHearth()}>
          Lock now
        </button>
      </SettingsRow>

      <SettingsRow label="Lock after" htmlFor="lock-after" hintId="lock-after-hint" hint="Of no typing, clicking or scrolling in Hearth’s window.">
        <select
          id="lock-after"
          className="select"
          value={String(minutes)}
          aria-describedby="lock-after-hint"
          onChange={(event) => {
            const next = Number(event.target.value);
            if (isLockAfter(next)) chooseMinutes(next, save({ lockAfterMinutes: next }));
          }}
        >
          {LOCK_AFTER_CHOICES.map((choice) => (
            <option key={choice} value={String(choice)}>
              {choice === 60 ? '1 hour' : `${String(choice)} minutes`}
            </option>
          ))}
        </select>
      </SettingsRow>

      {vault && (
        <>
          <ChangePasscodeRow vault={vault} />
          <NewRecoveryKeyRow vault={vault} />
          {platform.keychain !== null && <KeychainRow vault={vault} keychain={platform.keychain} />}
        </>
      )}
    </section>
  );
}

function ChangePasscodeRow({ vault }: { vault: LockableVault }): ReactNode {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);

  return (
    <div className="privacy-lock__block">
      <SettingsRow label="Passcode" hintId="change-passcode-hint" hint="Changing it doesn’t change your recovery key.">
        {!open && (
          <button
            type="button"
            className="button"
            aria-describedby="change-passcode-hint"
            onClick={() => {
              setOpen(true);
              setNote(null);
            }}
          >
            Change passcode
          </button>
        )}
      </SettingsRow>
      {open && (
        <Suspense fallback={<p className="muted">Getting ready…</p>}>
          <ChoosePasscode
            submitLabel="Save new passcode"
            busy={busy}
            secondary={
              <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>
                Cancel
              </button>
            }
            onChoose={(passcode) => {
              setBusy(true);
              vault.changePasscode(passcode).then(
                () => {
                  setBusy(false);
                  setOpen(false);
                  setNote({ tone: 'done', text: 'Passcode changed. Use the new one next time you unlock Hearth.' });
                },
                (error: unknown) => {
                  setBusy(false);
                  setNote({ tone: 'error', text: `The passcode wasn’t changed (${errorText(error)}). Your old passcode still works.` });
                },
              );
            }}
          />
        </Suspense>
      )}
      {note && (
        <p className={note.tone === 'error' ? 'notice notice--error' : 'notice'} role="status">
          {note.text}
        </p>
      )}
    </div>
  );
}

function NewRecoveryKeyRow({ vault }: { vault: LockableVault }): ReactNode {
  const { platform } = useServices();
  const [stage, setStage] = useState<{ kind: 'idle' } | { kind: 'confirm' } | { kind: 'working' } | { kind: 'show'; recoveryKey: string }>({ kind: 'idle' });
  const [note, setNote] = useState<Note>(null);

  const make = (): void => {
    setStage({ kind: 'working' });
    vault.newRecoveryKey().then(
      (recoveryKey) => setStage({ kind: 'show', recoveryKey }),
      (error: unknown) => {
        setStage({ kind: 'idle' });
        setNote({ tone: 'error', text: `No new recovery key was made (${errorText(error)}). Your current one still works.` });
      },
    );
  };

  return (
    <div className="privacy-lock__block">
      <SettingsRow label="Recovery key" hintId="recovery-key-hint" hint="If you lost your recovery key, or think someone else has seen it, make a new one. The old one stops working.">
        {stage.kind === 'idle' && (
          <button
            type="button"
            className="button"
            aria-describedby="recovery-key-hint"
            onClick={() => {
              setStage({ kind: 'confirm' });
              setNote(null);
            }}
          >
            Make a new recovery key
          </button>
        )}
      </SettingsRow>
      {(stage.kind === 'confirm' || stage.kind === 'working') && (
        <div className="notice privacy-lock__confirm" role="group" aria-label="Make a new recovery key">
          <p>Your current recovery key will stop working. The new one is shown once, to print or save.</p>
          <div className="privacy-lock__buttons">
            <button type="button" className="button button--primary" aria-disabled={stage.kind === 'working'} onClick={() => stage.kind === 'confirm' && make()}>
              {stage.kind === 'working' ? 'Making it…' : 'Make the new key'}
            </button>
            <button type="button" className="button button--quiet" onClick={() => setStage({ kind: 'idle' })}>
              Keep the current key
            </button>
          </div>
        </div>
      )}
      {stage.kind === 'show' && (
        <RecoveryKeyPanel
          recoveryKey={stage.recoveryKey}
          platform={platform}
          continueLabel="Done"
          onContinue={() => {
            setStage({ kind: 'idle' });
            setNote({ tone: 'done', text: 'Your new recovery key is ready. The old one no longer opens your journal.' });
          }}
        />
      )}
      {note && (
        <p className={note.tone === 'error' ? 'notice notice--error' : 'notice'} role="status">
          {note.text}
        </p>
      )}
    </div>
  );
}

function KeychainRow({ vault, keychain }: { vault: LockableVault; keychain: KeychainControl }): ReactNode {
  const [status, setStatus] = useState<KeychainStatus | null>(null);
  const [on, setOn] = useState(() => vault.keychainSealed() !== null);
  const [note, setNote] = useState<Note>(null);

  useEffect(() => {
    let live = true;
    keychain.status().then(
      (next) => {
        if (live) setStatus(next);
      },
      (error: unknown) => {
        if (live) setStatus({ state: 'unavailable', message: `Hearth couldn’t ask this computer’s keychain (${errorText(error)}).` });
      },
    );
    return () => {
      live = false;
    };
  }, [keychain]);

  const change = async (next: boolean): Promise<boolean> => {
    setNote(null);
    try {
      if (!next) {
        await vault.removeKeychain();
        setOn(false);
        return true;
      }
      const created = await keychain.create();
      if (!created.ok) {
        setNote({ tone: 'error', text: created.message });
        return false;
      }
      await vault.addKeychain({ secret: created.secret, sealed: created.sealed });
      setOn(true);
      return true;
    } catch (error) {
      setNote({ tone: 'error', text: `That didn’t work (${errorText(error)}). Nothing has changed; your passcode opens Hearth as before.` });
      return false;
    }
  };

  const usable = status?.state === 'available';
  return (
    <div className="privacy-lock__block">
      <SettingsRow
        inline
        label="Unlock with this computer’s keychain"
        htmlFor="keychain-unlock"
        hintId="keychain-hint"
        hint="Hearth opens without your passcode when it starts, for anyone who can sign in to this computer as you. After you lock it, the passcode is needed. If the keychain ever fails, your passcode still works and nothing is lost."
      >
        {usable || on ? <Switch id="keychain-unlock" checked={on} describedBy="keychain-hint" onChange={change} /> : <span className="muted">{status === null ? 'Checking…' : 'Not available'}</span>}
      </SettingsRow>
      {status !== null && status.message !== null && (
        <p className="notice privacy-lock__keychain-note" role="note">
          {status.message}
        </p>
      )}
      {note && (
        <p className={note.tone === 'error' ? 'notice notice--error' : 'notice'} role="status">
          {note.text}
        </p>
      )}
    </div>
  );
}
