// Opens "Share to circle…" for a check-in from any card, and deletes check-ins with care for where they
// are shared: a shared one asks first (keep it shared, or take it back too); others delete with an undo.
// The dialogs load as their own chunk when first opened.
import { createContext, lazy, Suspense, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { CheckIn } from '@shared/journal/checkIn';
import { useCheckInEditor } from '../checkin/editor';
import type { SharedPlace } from './places';

const ShareDialog = lazy(() => import('./ShareDialog'));
const DeleteSharedDialog = lazy(() => import('./DeleteSharedDialog'));

interface SharingApi {
  readonly share: (checkIn: CheckIn) => void;
  /** Deletes a check-in; when it is shared, asks first what should happen to the circle copies. */
  readonly remove: (checkIn: CheckIn, places: readonly SharedPlace[]) => void;
}

type Open = { readonly dialog: 'share'; readonly checkIn: CheckIn } | { readonly dialog: 'delete'; readonly checkIn: CheckIn; readonly places: readonly SharedPlace[] } | null;

const SharingContext = createContext<SharingApi | null>(null);

export function ShareProvider({ children }: { children: ReactNode }): ReactNode {
  const editor = useCheckInEditor();
  const [open, setOpen] = useState<Open>(null);
  const remove = editor.remove;

  const api = useMemo<SharingApi>(
    () => ({
      share: (checkIn) => setOpen({ dialog: 'share', checkIn }),
      remove: (checkIn, places) => {
        if (places.length === 0) void remove(checkIn);
        else setOpen({ dialog: 'delete', checkIn, places });
      },
    }),
    [remove],
  );
  const close = useCallback(() => setOpen(null), []);

  return (
    <SharingContext.Provider value={api}>
      {children}
      <Suspense fallback={null}>
        {open?.dialog === 'share' && <ShareDialog checkIn={open.checkIn} onClose={close} />}
        {open?.dialog === 'delete' && <DeleteSharedDialog checkIn={open.checkIn} places={open.places} onClose={close} />}
      </Suspense>
    </SharingContext.Provider>
  );
}

export function useSharing(): SharingApi {
  const api = useContext(SharingContext);
  if (!api) throw new Error('useSharing must be used inside <ShareProvider>');
  return api;
}
