// The Support page (#/support): crisis lines and the safety plan. Bundled with the app shell, so it opens
// with no network at all.
import type { ReactNode } from 'react';
import { useRoute } from '../../app/router';
import { SupportContent } from './SupportContent';
import type { SupportSection } from './support';

function sectionFrom(params: URLSearchParams): SupportSection | null {
  const value = params.get('section');
  return value === 'plan' || value === 'lines' ? value : null;
}

export function SupportView(): ReactNode {
  const { params } = useRoute();
  return (
    <section className="view support-view" aria-labelledby="support-title">
      <header className="view__header">
        <div>
          <h1 id="support-title" tabIndex={-1}>
            Support
          </h1>
          <p className="view__subtitle">For the hard moments. Everything here is on this device and works without a connection.</p>
        </div>
      </header>
      <SupportContent section={sectionFrom(params)} />
    </section>
  );
}
