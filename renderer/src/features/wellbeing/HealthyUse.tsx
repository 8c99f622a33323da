// Healthy use in the app shell: the quick-hide cover, circle notifications and the circle time count.
import type { ReactNode } from 'react';
import { useCircleNotifications } from './circleNotifications';
import { useCircleTimeTracker } from './circleTime';
import { QuickHide } from './HiddenScreen';
import './wellbeing.css';

export function HealthyUse(): ReactNode {
  useCircleNotifications();
  useCircleTimeTracker();
  return <QuickHide />;
}
