// Keeps the platform's reminder schedule in step with the settings and with today's check-ins.
import { useEffect } from 'react';
import { today as todayIn } from '@shared/journal/days';
import { useLive } from './liveQuery';
import { useServices } from './services';
import { useSettings } from './settings';
import { useToasts } from './toasts';

export function useReminderSync(): void {
  const { journal, platform } = useServices();
  const { settings } = useSettings();
  const { notify } = useToasts();
  const day = todayIn();
  const checkedInToday = useLive(async () => (await journal.onDay(day)).length > 0, [journal, day]);
  const known = checkedInToday.status === 'ready';
  const checkedIn = known && checkedInToday.value;

  useEffect(() => {
    if (!known) return;
    // Quiet hours belong to Healthy use and cover every notification: a reminder inside them waits until they end.
    const reminder = { ...settings.reminder, quietHours: settings.wellbeing.quietHours };
    platform.configureReminder({ settings: reminder, checkedInDay: checkedIn ? day : null }).catch((error: unknown) => {
      notify({ tone: 'error', message: `The reminder could not be set: ${error instanceof Error ? error.message : String(error)}` });
    });
  }, [platform, settings.reminder, settings.wellbeing.quietHours, known, checkedIn, day, notify]);
}
