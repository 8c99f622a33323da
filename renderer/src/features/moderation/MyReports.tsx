// A member's own reports in this circle and what the facilitators decided. Only they and the facilitators can read these.
import type { ReactNode } from 'react';
import type { CircleReport } from '../../circles/engine/reports';
import { timeAgo } from '../circles/model';
import { outcomeWords, REPORT_REASON_LABELS } from './model';
import './moderation.css';

export function MyReports({ reports, now }: { reports: readonly CircleReport[]; now: number }): ReactNode {
  if (reports.length === 0) return null;
  return (
    <section className="card my-reports" aria-labelledby="my-reports-title">
      <h2 id="my-reports-title">Your reports</h2>
      <ul className="report-list" role="list">
        {reports.map((report) => (
          <li key={report.key} className="report-item my-reports__item">
            <p className="report-item__meta muted">
              A {report.targetKind} · {REPORT_REASON_LABELS[report.reason]} · {timeAgo(report.reportedAt, now)}
            </p>
            <p className="my-reports__outcome">{outcomeWords(report.decision)}</p>
          </li>
        ))}
      </ul>
      <p className="muted">Only you and the facilitators can see these.</p>
    </section>
  );
}
