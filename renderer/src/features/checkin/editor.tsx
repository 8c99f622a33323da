// Opens the check-in dialog from anywhere (buttons, shortcuts, the app menu, a clicked reminder), and
// deletes with an undo that puts the check-in back exactly as it was.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { CheckIn } from '@shared/journal/checkIn';
import { useServices } from '../../app/services';
import { useToasts } from '../../app/toasts';
import { CheckInDialog } from './CheckInDialog';
import type { KeptDraft } from './keptDraft';

interface EditorApi {
  readonly openNew: () => void;
  readonly openEdit: (checkIn: CheckIn) => void;
  /** Deletes with an undo; `message` replaces the plain "Check-in deleted." (e.g. to say it stays shared). */
  readonly remove: (checkIn: CheckIn, message?: string) => Promise<void>;
  /** Undoes the most recent delete, if there is one. */
  readonly undoLastDelete: () => Promise<boolean>;
  readonly isOpen: boolean;
}

const EditorContext = createContext<EditorApi | null>(null);

type EditorState =
  | { readonly mode: 'closed' }
  | { readonly mode: 'new'; readonly key: number }
  | { readonly mode: 'edit'; readonly key: number; readonly checkIn: CheckIn }
  /** A draft kept when Hearth locked, open again as it was. */
  | { readonly mode: 'restored'; readonly key: number; readonly draft: KeptDraft };

export function CheckInEditorProvider({ children, keptDraft = null }: { children: ReactNode; keptDraft?: KeptDraft | null }): ReactNode {
  const { journal } = useServices();
  const { notify } = useToasts();
  const [state, setState] = useState<EditorState>(() => (keptDraft ? { mode: 'restored', key: 0, draft: keptDraft } : { mode: 'closed' }));
  const [lastDeleted, setLastDeleted] = useState<CheckIn | null>(null);

  const openNew = useCallback(() => setState((current) => (current.mode === 'closed' ? { mode: 'new', key: Date.now() } : current)), []);
  const openEdit = useCallback((checkIn: CheckIn) => setState({ mode: 'edit', key: Date.now(), checkIn }), []);

  const restore = useCallback(
    async (checkIn: CheckIn) => {
      await journal.restore(checkIn);
      setLastDeleted((current) => (current?.id === checkIn.id ? null : current));
      notify({ message: 'Check-in restored.' });
    },
    [journal, notify],
  );

  const remove = useCallback(
    async (checkIn: CheckIn, message = 'Check-in deleted.') => {
      const removed = await journal.remove(checkIn.id);
      if (!removed) return;
      setLastDeleted(removed);
      notify({ message, action: { label: 'Undo', run: () => void restore(removed) } });
    },
    [journal, notify, restore],
  );

  const undoLastDelete = useCallback(async () => {
    if (!lastDeleted) return false;
    await restore(lastDeleted);
    return true;
  }, [lastDeleted, restore]);

  const api = useMemo(() => ({ openNew, openEdit, remove, undoLastDelete, isOpen: state.mode !== 'closed' }), [openNew, openEdit, remove, undoLastDelete, state.mode]);

  return (
    <EditorContext.Provider value={api}>
      {children}
      {state.mode !== 'closed' && (
        <CheckInDialog
          key={state.key}
          editing={state.mode === 'edit' ? state.checkIn : state.mode === 'restored' ? state.draft.editing : null}
          restored={state.mode === 'restored' ? state.draft : undefined}
          onClose={() => setState({ mode: 'closed' })}
        />
      )}
    </EditorContext.Provider>
  );
}

export function useCheckInEditor(): EditorApi {
  const api = useContext(EditorContext);
  if (!api) throw new Error('useCheckInEditor must be used inside <CheckInEditorProvider>');
  return api;
}
