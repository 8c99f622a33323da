// "The charter has changed": the lines that are new and the ones that are gone, so a member can see what they accept.
import type { ReactNode } from 'react';
import { charterChanges } from './model';
import './moderation.css';

export function CharterChanges({ before, after }: { before: string; after: string }): ReactNode {
  const { added, removed } = charterChanges(before, after);
  if (added.length === 0 && removed.length === 0) return <p className="muted">Only the spacing or layout changed.</p>;
  return (
    <ul className="charter-changes" role="list" aria-label="What changed">
      {added.map((line, index) => (
        <li key={`a${String(index)}`} className="charter-changes__line charter-changes__line--added">
          <span className="charter-changes__tag">New</span>
          <span className="charter-changes__text">{line}</span>
        </li>
      ))}
      {removed.map((line, index) => (
        <li key={`r${String(index)}`} className="charter-changes__line charter-changes__line--removed">
          <span className="charter-changes__tag">Removed</span>
          <span className="charter-changes__text">{line}</span>
        </li>
      ))}
    </ul>
  );
}
