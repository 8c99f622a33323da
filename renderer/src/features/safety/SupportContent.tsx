// What Support shows, on its page and in the sheet over a dialog: the emergency number and crisis
// lines for the person's country, and their safety plan.
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { SafetyPlanEditor } from './SafetyPlanEditor';
import { CrisisLines } from './CrisisLines';
import type { SupportSection } from './support';

export interface SupportContentProps {
  /** The part to scroll to and focus, e.g. from "Open my safety plan". */
  readonly section: SupportSection | null;
  /** Changes whenever the same section is asked for again. */
  readonly request?: number;
}

export function SupportContent({ section, request = 0 }: SupportContentProps): ReactNode {
  const id = useId();
  const lines = useRef<HTMLHeadingElement>(null);
  const plan = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const target = section === 'plan' ? plan.current : section === 'lines' ? lines.current : null;
    if (!target) return;
    // After the frame, so a sheet opening around this (showModal moves focus) has settled first.
    const frame = window.requestAnimationFrame(() => {
      target.scrollIntoView({ block: 'start' });
      target.focus({ preventScroll: true });
    });
    return () => window.cancelAnimationFrame(frame);
  }, [section, request]);

  return (
    <div className="support">
      <section className="card support-section" aria-labelledby={`${id}-lines`}>
        <h2 id={`${id}-lines`} ref={lines} tabIndex={-1}>
          Crisis lines
        </h2>
        <p className="support-section__intro muted">Free, confidential lines where someone will listen. You don&rsquo;t need to be in crisis to call.</p>
        <CrisisLines headingId={`${id}-lines`} />
      </section>
      <section className="card support-section" aria-labelledby={`${id}-plan`}>
        <h2 id={`${id}-plan`} ref={plan} tabIndex={-1}>
          My safety plan
        </h2>
        <SafetyPlanEditor headingId={`${id}-plan`} />
      </section>
    </div>
  );
}
