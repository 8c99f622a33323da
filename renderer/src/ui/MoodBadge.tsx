// A mood shown as its colour and its word, never colour alone.
import type { ReactNode } from 'react';
import { moodInfo, type MoodLevel } from '@shared/journal/mood';

export function MoodDot({ level, size }: { level: MoodLevel; size?: string }): ReactNode {
  const info = moodInfo(level);
  return <span className="mood-dot" aria-hidden="true" style={{ background: `var(${info.colorVar})`, ...(size ? { width: size, height: size } : {}) }} />;
}

export function MoodBadge({ level }: { level: MoodLevel }): ReactNode {
  return (
    <span className="mood-badge">
      <MoodDot level={level} />
      {moodInfo(level).word}
    </span>
  );
}
