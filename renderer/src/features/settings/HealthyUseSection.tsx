// Healthy use: circle notifications (off until turned on), quiet hours for every notification, a break
// from circles, an optional daily circle time with a gentle note, and the cover when switching away
// (the lock itself is in Privacy & lock).
// Only settings.wellbeing is edited here; the pieces that act on it live in features/wellbeing.
import { useState, type ReactNode } from 'react';
import { BellOff } from 'lucide-react';
import { BREAK_LABELS, BREAK_LENGTHS, isOnBreak, startBreak, type BreakLength } from '@shared/wellbeing/circleBreak';
import { CIRCLE_MINUTE_CHOICES, type WellbeingSettings } from '@shared/wellbeing/settings';
import { deviceTimeZone } from '@shared/journal/days';
import { useSettings } from '../../app/settings';
import { formatBreakEnd } from '../wellbeing/format';
import { useNow } from '../wellbeing/useNow';
import { SettingsRow, Switch, TimeField, usePendingValue } from './controls';
import { formatTimeOfDay } from './model';
import { useSaveSettings } from './saveSettings';
import { useNotificationPermission } from './useNotificationPermission';

function isCircleMinutes(value: number): value is (typeof CIRCLE_MINUTE_CHOICES)[number] {
  return (CIRCLE_MINUTE_CHOICES as readonly number[]).includes(value);
}

function isBreakLength(value: string): value is BreakLength {
  return (BREAK_LENGTHS as readonly string[]).includes(value);
}

export function HealthyUseSection(): ReactNode {
  const { settings } = useSettings();
  const save = useSaveSettings();
  const wellbeing = settings.wellbeing;
  const { permission, ask: askPermission } = useNotificationPermission();
  const now = useNow();
  const [breakLength, setBreakLength] = useState<BreakLength>('1-day');
  const [minutes, chooseMinutes] = usePendingValue(wellbeing.dailyCircleMinutes);
  const onBreak = isOnBreak(wellbeing.circleBreak, now);

  const change = (patch: (current: WellbeingSettings) => Partial<WellbeingSettings>): Promise<boolean> =>
    save((current) => ({ wellbeing: { ...current.wellbeing, ...patch(current.wellbeing) } }));

  const setNotifications = (circleNotifications: boolean): Promise<boolean> => {
    // Asked straight from the click, so the browser or system shows its question.
    if (circleNotifications && permission === 'prompt') askPermission();
    return change(() => ({ circleNotifications }));
  };

  return (
    <section className="card settings-section healthy-use" aria-labelledby="healthy-use-title">
      <h2 id="healthy-use-title">Healthy use</h2>
      <p className="settings-section__intro muted">Ways to keep Hearth gentle on you. Everything here stays on this device.</p>

      <SettingsRow
        inline
        label="Circle notifications"
        htmlFor="circle-notifications"
        hintId="circle-notifications-hint"
        hint="Only while Hearth isn’t in front of you, at most one per circle every few minutes. They never show what was written or which circle: just “New post in a circle” or “Someone replied to you”."
      >
        <Switch id="circle-notifications" checked={wellbeing.circleNotifications} onChange={setNotifications} describedBy="circle-notifications-hint" />
      </SettingsRow>
      {wellbeing.circleNotifications && permission === 'prompt' && (
        <div className="notice settings-permission">
          <p>Hearth needs your permission to show notifications.</p>
          <button type="button" className="button button--small" onClick={askPermission}>
            Allow notifications
          </button>
        </div>
      )}
      {wellbeing.circleNotifications && permission === 'denied' && (
        <div className="notice settings-permission">
          <BellOff aria-hidden="true" />
          <p>Notifications are turned off for Hearth, so none can appear. You can allow them in your system or browser settings.</p>
        </div>
      )}

      <SettingsRow
        inline
        label="Quiet hours"
        htmlFor="quiet-hours"
        hintId="quiet-hours-hint"
        hint={
          wellbeing.quietHours.enabled
            ? `No notifications from ${formatTimeOfDay(wellbeing.quietHours.start)} to ${formatTimeOfDay(wellbeing.quietHours.end)}. A check-in reminder that falls in them waits until they end; circle notifications are skipped, and new posts wait in the circle.`
            : 'A daily time with no notifications at all. Off.'
        }
      >
        <Switch id="quiet-hours" describedBy="quiet-hours-hint" checked={wellbeing.quietHours.enabled} onChange={(enabled) => change((current) => ({ quietHours: { ...current.quietHours, enabled } }))} />
      </SettingsRow>
      {wellbeing.quietHours.enabled && (
        <div className="settings-row settings-row--nested">
          <div className="settings-quiet" role="group" aria-label="Quiet hours period">
            <div className="settings-quiet__field">
              <label className="field__label" htmlFor="quiet-start">
                From
              </label>
              <TimeField id="quiet-start" value={wellbeing.quietHours.start} onCommit={(start) => void change((current) => ({ quietHours: { ...current.quietHours, start } }))} />
            </div>
            <div className="settings-quiet__field">
              <label className="field__label" htmlFor="quiet-end">
                Until
              </label>
              <TimeField id="quiet-end" value={wellbeing.quietHours.end} onCommit={(end) => void change((current) => ({ quietHours: { ...current.quietHours, end } }))} />
            </div>
          </div>
        </div>
      )}

      {onBreak && wellbeing.circleBreak ? (
        <SettingsRow
          label="Break from circles"
          hintId="break-hint"
          hint={`You’re taking a break${wellbeing.circleBreak.until === null ? ' until you end it' : ` until ${formatBreakEnd(wellbeing.circleBreak.until)}`}. Circle notifications are paused; circles show a break screen you can look past.`}
        >
          <button type="button" className="button" aria-describedby="break-hint" onClick={() => void change(() => ({ circleBreak: null }))}>
            End my break
          </button>
        </SettingsRow>
      ) : (
        <SettingsRow label="Take a break from circles" htmlFor="break-length" hintId="break-hint" hint="Pauses circle notifications and rests circles behind a calm screen, with a way in if you need it. Your journal is not affected.">
          <select id="break-length" className="select settings-select" value={breakLength} aria-describedby="break-hint" onChange={(event) => isBreakLength(event.target.value) && setBreakLength(event.target.value)}>
            {BREAK_LENGTHS.map((length) => (
              <option key={length} value={length}>
                {BREAK_LABELS[length]}
              </option>
            ))}
          </select>
          <button type="button" className="button" onClick={() => void change(() => ({ circleBreak: startBreak(breakLength, Date.now(), deviceTimeZone()) }))}>
            Start break
          </button>
        </SettingsRow>
      )}

      <SettingsRow
        label="Daily circle time"
        htmlFor="circle-minutes"
        hintId="circle-minutes-hint"
        hint="Counts only while a circle is open in front of you and you’re using it, and starts again each day. When it’s reached, Hearth mentions it once, kindly. It never stops you."
      >
        <select
          id="circle-minutes"
          className="select settings-select"
          aria-describedby="circle-minutes-hint"
          value={minutes === null ? 'off' : String(minutes)}
          onChange={(event) => {
            const value = event.target.value === 'off' ? null : Number(event.target.value);
            if (value === null || isCircleMinutes(value)) chooseMinutes(value, change(() => ({ dailyCircleMinutes: value })));
          }}
        >
          <option value="off">No limit</option>
          {CIRCLE_MINUTE_CHOICES.map((choice) => (
            <option key={choice} value={String(choice)}>
              {choice} minutes a day
            </option>
          ))}
        </select>
      </SettingsRow>

      <SettingsRow inline label="Hide when I switch away" htmlFor="hide-on-blur" hintId="hide-on-blur-hint" hint="Covers Hearth with a plain screen whenever you switch to another window or app; your drafts stay as they are. To lock Hearth, see Privacy & lock.">
        <Switch id="hide-on-blur" checked={wellbeing.hideOnBlur} describedBy="hide-on-blur-hint" onChange={(hideOnBlur) => change(() => ({ hideOnBlur }))} />
      </SettingsRow>
    </section>
  );
}
