// Daily reminder: on/off, the time (quiet hours now live under Healthy use) and whether the system lets Hearth show notifications.
// Only settings.reminder is edited here; a hook elsewhere schedules the reminder whenever it changes.
import type { ReactNode } from 'react';
import { BellOff, CircleCheck } from 'lucide-react';
import type { ReminderSettings } from '@shared/reminder/settings';
import { useSettings } from '../../app/settings';
import { useToasts } from '../../app/toasts';
import { SettingsRow, Switch, TimeField } from './controls';
import { formatTimeOfDay } from './model';
import { errorText, useSaveSettings } from './saveSettings';
import { useNotificationPermission } from './useNotificationPermission';

export function ReminderSection(): ReactNode {
  const { settings } = useSettings();
  const toasts = useToasts();
  const save = useSaveSettings();
  const reminder = settings.reminder;
  const { permission, ask: askPermission } = useNotificationPermission((error) =>
    toasts.notify({ message: `Hearth couldn't ask for permission to show notifications: ${errorText(error)}`, tone: 'error' }),
  );

  const changeReminder = (change: (current: ReminderSettings) => Partial<ReminderSettings>): Promise<boolean> =>
    save((current) => ({ reminder: { ...current.reminder, ...change(current.reminder) } }));

  const setEnabled = (enabled: boolean): Promise<boolean> => {
    // Asked straight from the click, so the browser or system shows its question.
    if (enabled && permission === 'prompt') askPermission();
    return changeReminder(() => ({ enabled }));
  };

  return (
    <section className="card settings-section" aria-labelledby="reminder-title">
      <h2 id="reminder-title">Daily reminder</h2>
      <p className="settings-section__intro muted">A gentle nudge once a day. It doesn't come on days you've already checked in, and it's off until you turn it on.</p>

      <SettingsRow inline label="Remind me to check in" htmlFor="reminder-enabled" hintId="reminder-enabled-hint" hint={reminder.enabled ? `On, every day at ${formatTimeOfDay(reminder.time)}.` : 'Off.'}>
        <Switch id="reminder-enabled" checked={reminder.enabled} onChange={setEnabled} describedBy="reminder-enabled-hint" />
      </SettingsRow>

      {reminder.enabled && permission !== null && permission !== 'granted' && (
        <PermissionNote permission={permission} onAllow={askPermission} />
      )}
      {reminder.enabled && permission === 'granted' && (
        <p className="settings-permission settings-permission--ok">
          <CircleCheck aria-hidden="true" /> Notifications are allowed.
        </p>
      )}

      <SettingsRow inline label="Reminder time" htmlFor="reminder-time">
        <TimeField id="reminder-time" value={reminder.time} onCommit={(time) => void changeReminder(() => ({ time }))} />
      </SettingsRow>

      <p className="field__hint">
        {settings.wellbeing.quietHours.enabled
          ? `Quiet hours are on (${formatTimeOfDay(settings.wellbeing.quietHours.start)}–${formatTimeOfDay(settings.wellbeing.quietHours.end)}): a reminder that falls in them waits until they end. You can change them under Healthy use.`
          : 'You can set quiet hours, when no notification comes at all, under Healthy use.'}
      </p>
    </section>
  );
}

function PermissionNote({ permission, onAllow }: { permission: 'denied' | 'prompt'; onAllow: () => void }): ReactNode {
  if (permission === 'prompt') {
    return (
      <div className="notice settings-permission">
        <p>Hearth needs your permission to show reminders as notifications.</p>
        <button type="button" className="button button--small" onClick={onAllow}>
          Allow notifications
        </button>
      </div>
    );
  }
  return (
    <div className="notice settings-permission">
      <BellOff aria-hidden="true" />
      <p>Notifications are turned off for Hearth, so reminders can't appear. If you'd like them, you can allow notifications for Hearth in your system or browser settings.</p>
    </div>
  );
}
