// Settings → Support and safety: the gentle crisis check on or off, and the country for crisis lines.
import type { ReactNode } from 'react';
import { HeartHandshake } from 'lucide-react';
import { CRISIS_DIRECTORY } from '@shared/safety/crisisLines';
import { useSettings } from '../../app/settings';
import { SettingsRow, Switch, usePendingValue } from '../settings/controls';
import { useSaveSettings } from '../settings/saveSettings';
import { openSupport } from './support';

export function SafetySection(): ReactNode {
  const { settings } = useSettings();
  const save = useSaveSettings();
  const safety = settings.safety;
  const [country, chooseCountry] = usePendingValue(safety.country ?? '');

  return (
    <section className="card settings-section" aria-labelledby="safety-title">
      <h2 id="safety-title">
        <HeartHandshake aria-hidden="true" /> Support and safety
      </h2>
      <p className="settings-section__intro muted">
        Support (F1 or Ctrl+Shift+H) holds your safety plan and crisis lines for your country.{' '}
        <a
          href="#/support"
          onClick={(event) => {
            event.preventDefault();
            openSupport();
          }}
        >
          Open Support
        </a>
      </p>
      <SettingsRow
        inline
        label="Gently offer support while I write"
        htmlFor="safety-check"
        hintId="safety-check-hint"
        hint="When a note sounds like things are really hard, Hearth offers your safety plan and crisis lines. The check runs only on this device; nothing is sent, saved or reported."
      >
        <Switch id="safety-check" describedBy="safety-check-hint" checked={safety.crisisCheck} onChange={(crisisCheck) => save((current) => ({ safety: { ...current.safety, crisisCheck } }))} />
      </SettingsRow>
      <SettingsRow label="Country for crisis lines" htmlFor="safety-country" hint="The numbers are bundled with Hearth, with the date they were checked.">
        <select
          id="safety-country"
          className="select settings-select"
          value={country}
          onChange={(event) => {
            const next = event.target.value;
            if (next) chooseCountry(next, save((current) => ({ safety: { ...current.safety, country: next } })));
          }}
        >
          {safety.country === null && <option value="">Not chosen yet</option>}
          {CRISIS_DIRECTORY.countries.map((entry) => (
            <option key={entry.code} value={entry.code}>
              {entry.name}
            </option>
          ))}
        </select>
      </SettingsRow>
    </section>
  );
}
