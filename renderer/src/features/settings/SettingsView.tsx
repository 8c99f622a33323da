// Settings: appearance, the daily reminder, the person's word lists, how circles connect, their data, and
// the lock that keeps it private.
import { useEffect, type ReactNode } from 'react';
import { AppearanceSection } from './AppearanceSection';
import { CirclesConnectionSection } from './CirclesConnectionSection';
import { ContentWarningsSection } from '../moderation/ContentWarningsSection';
import { clearTransferOutcome } from './dataTransfer';
import { DataSection } from './DataSection';
import { HealthyUseSection } from './HealthyUseSection';
import { ActivitiesSection, EmotionWordsSection } from './LabelsSection';
import { ReminderSection } from './ReminderSection';
import { SafetySection } from '../safety/SafetySection';
import { PrivacyLockSection } from '../lock/PrivacyLockSection';
import './settings.css';

export default function SettingsView(): ReactNode {
  // A result shown inline belongs to this visit to Settings; an old one would only confuse.
  useEffect(() => {
    clearTransferOutcome();
    return clearTransferOutcome;
  }, []);

  return (
    <section className="view settings" aria-labelledby="settings-title">
      <header className="view__header">
        <div>
          <h1 id="settings-title" tabIndex={-1}>
            Settings
          </h1>
          <p className="view__subtitle">Changes are saved as you make them.</p>
        </div>
      </header>
      <AppearanceSection />
      <ReminderSection />
      <HealthyUseSection />
      <ActivitiesSection />
      <EmotionWordsSection />
      <SafetySection />
      <CirclesConnectionSection />
      <ContentWarningsSection />
      <DataSection />
      <PrivacyLockSection />
    </section>
  );
}
