// Appearance: theme, motion and the first day of the week.
import type { ReactNode } from 'react';
import { Monitor, Moon, Sun } from 'lucide-react';
import { WEEK_STARTS, type MotionPreference, type Theme, type WeekStart } from '@shared/settings';
import { useSettings } from '../../app/settings';
import { ChoiceGroup, SettingsRow, usePendingValue, type Choice } from './controls';
import { useSaveSettings } from './saveSettings';

const THEME_CHOICES: readonly Choice<Theme>[] = [
  { value: 'system', label: 'System', icon: <Monitor aria-hidden="true" /> },
  { value: 'light', label: 'Light', icon: <Sun aria-hidden="true" /> },
  { value: 'dark', label: 'Dark', icon: <Moon aria-hidden="true" /> },
];

const MOTION_CHOICES: readonly Choice<MotionPreference>[] = [
  { value: 'system', label: 'Follow system' },
  { value: 'reduce', label: 'Reduce motion' },
  { value: 'full', label: 'Full motion' },
];

const WEEK_START_NAMES: Readonly<Record<WeekStart, string>> = { 1: 'Monday', 0: 'Sunday', 6: 'Saturday' };
const WEEK_START_ORDER: readonly WeekStart[] = [1, 0, 6];

function isWeekStart(value: number): value is WeekStart {
  return (WEEK_STARTS as readonly number[]).includes(value);
}

export function AppearanceSection(): ReactNode {
  const { settings } = useSettings();
  const save = useSaveSettings();
  const [weekStart, chooseWeekStart] = usePendingValue(settings.weekStart);

  return (
    <section className="card settings-section" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <ChoiceGroup label="Theme" hint="System follows your computer's light or dark setting." value={settings.theme} choices={THEME_CHOICES} onChange={(theme) => save({ theme })} />
      <ChoiceGroup label="Motion" hint="Reduce motion turns off animations." value={settings.motion} choices={MOTION_CHOICES} onChange={(motion) => save({ motion })} />
      <SettingsRow label="First day of week" htmlFor="week-start" hint="Where each week begins in the calendar.">
        <select
          id="week-start"
          className="select settings-select"
          value={weekStart}
          onChange={(event) => {
            const next = Number(event.target.value);
            if (isWeekStart(next)) chooseWeekStart(next, save({ weekStart: next }));
          }}
        >
          {WEEK_START_ORDER.map((day) => (
            <option key={day} value={day}>
              {WEEK_START_NAMES[day]}
            </option>
          ))}
        </select>
      </SettingsRow>
    </section>
  );
}
