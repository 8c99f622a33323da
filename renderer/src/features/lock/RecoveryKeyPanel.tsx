// A recovery key, shown once: large groups, Print (a page of its own, see lock.css @media print) and Save
// as file, the honest "no recovery without it", and a confirmation before going on.
import { useId, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Download, Printer } from 'lucide-react';
import type { Platform } from '../../platform/platform';
import { RECOVERY_KEY_EXPLANATION, recoveryKeyFile, recoveryKeyGroups } from './model';

export interface RecoveryKeyPanelProps {
  readonly recoveryKey: string;
  readonly platform: Pick<Platform, 'saveFile'>;
  readonly continueLabel: string;
  readonly onContinue: () => void;
}

export function RecoveryKeyPanel({ recoveryKey, platform, continueLabel, onContinue }: RecoveryKeyPanelProps): ReactNode {
  const id = useId();
  const [kept, setKept] = useState(false);
  const [saveNote, setSaveNote] = useState<{ tone: 'done' | 'error'; text: string } | null>(null);
  const [nudge, setNudge] = useState(false);
  const groups = recoveryKeyGroups(recoveryKey);
  const [madeAt] = useState(() => new Date());

  const save = async (): Promise<void> => {
    try {
      const file = recoveryKeyFile(recoveryKey, madeAt);
      const result = await platform.saveFile({ ...file, mimeType: 'text/plain' });
      setSaveNote(result === 'saved' ? { tone: 'done', text: 'Saved. Move the file somewhere away from this computer, like a USB stick you keep safe.' } : null);
    } catch (error) {
      setSaveNote({ tone: 'error', text: `The file couldn’t be saved (${error instanceof Error ? error.message : String(error)}). You can print the key or write it down instead.` });
    }
  };

  return (
    <div className="recovery-key">
      <ol className="recovery-key__groups" aria-label="Your recovery key">
        {groups.map((group, index) => (
          // The same four characters can appear twice, so the position is part of the key.
          <li key={`${String(index)}-${group}`} className="recovery-key__group">
            {group}
          </li>
        ))}
      </ol>
      <p className="visually-hidden">{`Your recovery key, group by group: ${groups.join(', ')}.`}</p>
      <div className="recovery-key__actions">
        <button type="button" className="button" onClick={() => window.print()}>
          <Printer aria-hidden="true" /> Print
        </button>
        <button type="button" className="button" onClick={() => void save()}>
          <Download aria-hidden="true" /> Save as file
        </button>
      </div>
      {saveNote && (
        <p className={saveNote.tone === 'error' ? 'notice notice--error' : 'notice'} role="status">
          {saveNote.text}
        </p>
      )}
      <div className="recovery-key__honest">
        <p>
          <strong>Hearth keeps no copy.</strong> Without your passcode or this recovery key, your journal cannot be opened by anyone, including you.
        </p>
        <p className="muted">You can also write it down. Letters can be typed in any case, and a mistyped character is caught.</p>
      </div>
      <label className="recovery-key__kept">
        <input
          type="checkbox"
          checked={kept}
          aria-describedby={nudge ? `${id}-nudge` : undefined}
          onChange={(event) => {
            setKept(event.target.checked);
            setNudge(false);
          }}
        />{' '}
        I have kept my recovery key
      </label>
      {nudge && (
        <p id={`${id}-nudge`} className="notice" role="alert">
          Print it, save it or write it down first, then tick “I have kept my recovery key”.
        </p>
      )}
      <button
        type="button"
        className="button button--primary recovery-key__continue"
        aria-disabled={!kept}
        onClick={() => {
          if (kept) onContinue();
          else setNudge(true);
        }}
      >
        {continueLabel}
      </button>
      {createPortal(<PrintedKey groups={groups} madeAt={madeAt} />, document.body)}
    </div>
  );
}

/** The page window.print() prints: only this, while the panel is shown (lock.css hides the rest for print). */
function PrintedKey({ groups, madeAt }: { groups: readonly string[]; madeAt: Date }): ReactNode {
  return (
    <div className="recovery-print" aria-hidden="true">
      <h1>Hearth recovery key</h1>
      <p className="recovery-print__key">{groups.join(' ')}</p>
      <p>Made on {madeAt.toLocaleDateString()}. A newer recovery key, if you make one, replaces this one.</p>
      {RECOVERY_KEY_EXPLANATION.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}
