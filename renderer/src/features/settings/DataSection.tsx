// Your data: exports (JSON backup, Markdown for reading, CSV for spreadsheets) and importing a backup.
import type { ReactNode } from 'react';
import { CircleCheck, FileJson, FileText, Sheet, TriangleAlert, Upload } from 'lucide-react';
import { useDataTransfer } from './dataTransfer';

export function DataSection(): ReactNode {
  const transfer = useDataTransfer();
  const { busy, outcome } = transfer;

  return (
    <section className="card settings-section" aria-labelledby="data-title" aria-busy={busy}>
      <h2 id="data-title">Your data</h2>
      <p className="settings-section__intro muted">Your journal belongs to you. Take a copy whenever you like; files are saved only where you choose.</p>

      <ul className="data-actions" role="list">
        <li className="data-action">
          <button type="button" className="button" onClick={() => void transfer.exportJson()} aria-disabled={busy} aria-describedby="export-json-hint">
            <FileJson aria-hidden="true" /> Export JSON
          </button>
          <p id="export-json-hint" className="field__hint">
            A complete backup you can import again.
          </p>
        </li>
        <li className="data-action">
          <button type="button" className="button" onClick={() => void transfer.exportMarkdown()} aria-disabled={busy} aria-describedby="export-md-hint">
            <FileText aria-hidden="true" /> Export Markdown
          </button>
          <p id="export-md-hint" className="field__hint">
            Readable, e.g. to share with a clinician.
          </p>
        </li>
        <li className="data-action">
          <button type="button" className="button" onClick={() => void transfer.exportCsv()} aria-disabled={busy} aria-describedby="export-csv-hint">
            <Sheet aria-hidden="true" /> Export CSV
          </button>
          <p id="export-csv-hint" className="field__hint">
            For spreadsheets.
          </p>
        </li>
      </ul>

      <div className="data-import">
        <div>
          <h3>Import a backup</h3>
          <p id="import-hint" className="field__hint">
            Importing adds check-ins you don't have yet and updates ones that changed. Nothing is deleted.
          </p>
        </div>
        <button type="button" className="button" onClick={() => void transfer.importJson()} aria-disabled={busy} aria-describedby="import-hint">
          <Upload aria-hidden="true" /> Import JSON backup
        </button>
      </div>

      <div className="data-outcome" aria-live="polite">
        {busy && <p className="data-outcome__busy muted">Working on it…</p>}
        {!busy && outcome && (
          <p key={outcome.id} className={outcome.tone === 'error' ? 'notice notice--error data-outcome__notice' : 'notice data-outcome__notice data-outcome__notice--done'}>
            {outcome.tone === 'error' ? <TriangleAlert aria-hidden="true" /> : <CircleCheck aria-hidden="true" />}
            <span>{outcome.message}</span>
          </p>
        )}
      </div>
    </section>
  );
}
