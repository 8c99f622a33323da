// The crisis-line directory for the person's country (remembered in settings; any country can be
// viewed), always with the local emergency number. All bundled: it works with no network at all.
import { useId, useState, type ReactNode } from 'react';
import { MessageSquare, Phone, Siren } from 'lucide-react';
import { CRISIS_DIRECTORY, guessCountry, linesFor, type CountryLines, type CrisisLine } from '@shared/safety/crisisLines';
import { useSettings } from '../../app/settings';
import { useSaveSettings } from '../settings/saveSettings';
import { checkedLabel } from './model';

export function CrisisLines({ headingId }: { headingId: string }): ReactNode {
  const { settings } = useSettings();
  const save = useSaveSettings();
  return <CrisisLineDirectory headingId={headingId} saved={settings.safety.country} onRemember={(code) => save((current) => ({ safety: { ...current.safety, country: code } }))} />;
}

/**
 * The directory itself, for places without the person's settings (the lock screen): `saved` is their
 * country if known; `onRemember` (optional) keeps a choice, resolving to whether it was kept.
 */
export function CrisisLineDirectory({ headingId, saved, onRemember }: { headingId: string; saved: string | null; onRemember?: (code: string) => Promise<boolean> }): ReactNode {
  const id = useId();
  const [viewing, setViewing] = useState<string | null>(null);
  const shown = linesFor(viewing ?? saved ?? guessCountry(navigator.languages));

  const choose = (code: string): void => {
    setViewing(code);
    // The first choice is remembered; after that, looking at another country doesn't change it.
    if (saved === null && onRemember) void onRemember(code);
  };
  const remember = (): void => {
    void onRemember?.(shown.code).then((ok) => {
      if (ok) setViewing(null);
    });
  };

  return (
    <div className="crisis-lines">
      <div className="crisis-lines__country">
        <div className="crisis-lines__picker">
          <label className="field__label" htmlFor={`${id}-country`}>
            Country
          </label>
          <select id={`${id}-country`} className="select" value={shown.code} onChange={(event) => choose(event.target.value)} aria-describedby={`${id}-country-hint`}>
            {CRISIS_DIRECTORY.countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </select>
        </div>
        <p id={`${id}-country-hint`} className="field__hint">
          {saved === null
            ? onRemember
              ? 'Choose your country and Hearth will remember it.'
              : 'Choose your country.'
            : saved === shown.code
              ? 'Your country. You can look at any other.'
              : `Showing ${shown.name}. Your country is ${linesFor(saved).name}.`}
        </p>
        {saved !== null && saved !== shown.code && onRemember && (
          <button type="button" className="button button--small" onClick={remember}>
            Make {shown.name} my country
          </button>
        )}
      </div>

      <Emergency country={shown} />

      {shown.note && <p className="crisis-lines__note">{shown.note}</p>}
      {shown.lines.length > 0 && (
        <ul className="crisis-lines__list" role="list" aria-labelledby={headingId}>
          {shown.lines.map((line) => (
            <li key={`${line.name}-${line.phone?.dial ?? line.text?.dial ?? ''}`}>
              <LineCard line={line} />
            </li>
          ))}
        </ul>
      )}
      <p className="crisis-lines__checked muted">
        Check the number if in doubt; data checked {checkedLabel(CRISIS_DIRECTORY.checked)}. If a number here is wrong, please tell the Hearth project (the README says how).
      </p>
    </div>
  );
}

function Emergency({ country }: { country: CountryLines }): ReactNode {
  return (
    <div className="crisis-emergency" role="note" aria-label="Emergency numbers">
      <Siren aria-hidden="true" />
      <div className="crisis-emergency__body">
        <p>
          <strong>In danger right now?</strong> Call an emergency number.
        </p>
        <ul className="crisis-emergency__numbers" role="list">
          {country.emergency.map((entry) => (
            <li key={`${entry.label}-${entry.number.dial}`}>
              <a className="crisis-emergency__number" href={`tel:${entry.number.dial}`} aria-label={`Call ${entry.number.display}, ${entry.label}`}>
                {entry.number.display}
              </a>{' '}
              <span className="muted">{entry.label}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

function LineCard({ line }: { line: CrisisLine }): ReactNode {
  return (
    <article className="crisis-line" aria-label={line.name}>
      <h3 className="crisis-line__name">{line.name}</h3>
      <p className="crisis-line__about">{line.about}</p>
      <div className="crisis-line__contacts">
        {line.phone && (
          <a className="button button--small crisis-line__link" href={`tel:${line.phone.dial}`} aria-label={`Call ${line.name} on ${line.phone.display}`}>
            <Phone aria-hidden="true" /> Call {line.phone.display}
          </a>
        )}
        {line.text && (
          <a
            className="button button--small crisis-line__link"
            href={`sms:${line.text.dial}${line.text.keyword ? `?body=${encodeURIComponent(line.text.keyword)}` : ''}`}
            aria-label={`Text ${line.text.keyword ? `${line.text.keyword} to ` : ''}${line.text.display} for ${line.name}`}
          >
            <MessageSquare aria-hidden="true" /> Text {line.text.keyword ? `${line.text.keyword} to ` : ''}
            {line.text.display}
          </a>
        )}
      </div>
      <p className="crisis-line__meta muted">
        {line.hours}
        {line.languages ? ` · ${line.languages.join(', ')}` : ''} · Source: {line.source}
      </p>
    </article>
  );
}
