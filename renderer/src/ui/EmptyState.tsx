// A calm placeholder for a view with nothing in it yet.
import type { ReactNode } from 'react';

export function EmptyState({ icon, title, children }: { icon?: ReactNode; title: string; children?: ReactNode }): ReactNode {
  return (
    <div className="empty">
      {icon}
      <p>
        <strong>{title}</strong>
      </p>
      {children}
    </div>
  );
}
