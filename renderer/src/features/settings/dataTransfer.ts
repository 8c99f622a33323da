// Export and import of the journal, used by Settings and by the app menu. The outcome of the latest
// transfer is kept in one small store shared by every caller, so an import started from the menu still
// shows its result inline when Settings is open, and two imports can't run at once.
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { today } from '@shared/journal/days';
import { describeImport, parseJsonExport, planImport, toCsv, toJsonExport, toMarkdown } from '@shared/journal/exchange';
import type { CheckIn } from '@shared/journal/checkIn';
import { SafetyPlanStore } from '../../db/safetyPlanStore';
import { importSafetyPlan } from '../safety/planTransfer';
import { useServices } from '../../app/services';
import { useSettings } from '../../app/settings';
import { useToasts } from '../../app/toasts';
import {
  EXPORT_FORMATS,
  MAX_IMPORT_BYTES,
  exportFileName,
  exportedMessage,
  mergePreferences,
  skippedMessage,
  tooLargeMessage,
  withoutUnreadable,
  type ExportFormat,
} from './model';
import { errorText } from './saveSettings';

export interface TransferOutcome {
  readonly tone: 'success' | 'error';
  readonly message: string;
  /** Distinguishes two outcomes with the same words, so the inline notice is announced again. */
  readonly id: number;
}

interface TransferState {
  readonly busy: boolean;
  readonly outcome: TransferOutcome | null;
}

let state: TransferState = { busy: false, outcome: null };
let nextOutcomeId = 1;
const listeners = new Set<() => void>();

function setState(change: Partial<TransferState>): void {
  state = { ...state, ...change };
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const getState = (): TransferState => state;

/** Clears the last inline result (e.g. when Settings is left). */
export function clearTransferOutcome(): void {
  if (state.outcome) setState({ outcome: null });
}

export interface DataTransfer {
  exportJson(): Promise<void>;
  exportMarkdown(): Promise<void>;
  exportCsv(): Promise<void>;
  importJson(): Promise<void>;
  /** True while an export or import is running. */
  readonly busy: boolean;
  /** The result of the latest export or import, for an inline notice. */
  readonly outcome: TransferOutcome | null;
}

export function useDataTransfer(): DataTransfer {
  const { journal, platform } = useServices();
  const settingsApi = useSettings();
  const toasts = useToasts();
  const { busy, outcome } = useSyncExternalStore(subscribe, getState);
  const { activities, customEmotions } = settingsApi.settings;

  const finish = useCallback(
    (tone: TransferOutcome['tone'], message: string) => {
      setState({ busy: false, outcome: { tone, message, id: nextOutcomeId++ } });
      toasts.notify(tone === 'error' ? { message, tone: 'error', durationMs: 10_000 } : { message });
    },
    [toasts],
  );

  /** Runs one transfer at a time; a second request while one runs is ignored (the buttons are disabled). */
  const exclusive = useCallback(
    async (run: () => Promise<void>, failure: string) => {
      if (state.busy) return;
      setState({ busy: true });
      try {
        await run();
      } catch (error) {
        finish('error', `${failure} ${errorText(error)}`);
      } finally {
        if (state.busy) setState({ busy: false });
      }
    },
    [finish],
  );

  const exportAs = useCallback(
    (format: ExportFormat) =>
      exclusive(async () => {
        const checkIns: CheckIn[] = await journal.all();
        if (format !== 'json' && checkIns.length === 0) {
          finish('success', 'There are no check-ins to export yet.');
          return;
        }
        const content =
          format === 'json'
            ? toJsonExport(checkIns, { activities, customEmotions }, new Date(), await new SafetyPlanStore(journal.db).get())
            : format === 'markdown'
              ? toMarkdown(checkIns)
              : // A byte-order mark lets spreadsheet apps (Excel in particular) read the file as UTF-8.
                `\uFEFF${toCsv(checkIns)}`;
        const saved = await platform.saveFile({ suggestedName: exportFileName(format, today()), content, mimeType: EXPORT_FORMATS[format].mimeType });
        if (saved === 'saved') finish('success', exportedMessage(checkIns.length));
      }, 'The export could not be saved:'),
    [exclusive, finish, journal, platform, activities, customEmotions],
  );

  const importJson = useCallback(
    () =>
      exclusive(async () => {
        const opened = await platform.openFile({ extensions: ['json'], maxBytes: MAX_IMPORT_BYTES });
        if (opened.kind === 'cancelled') return;
        if (opened.kind === 'too-large') {
          finish('error', tooLargeMessage(opened.bytes));
          return;
        }
        // Everything is read and checked before anything is written: a bad file changes nothing.
        const parsed = parseJsonExport(opened.file.content);
        if (!parsed.ok) {
          finish('error', parsed.error.message);
          return;
        }
        const [existing, storedIds] = await Promise.all([journal.all(), journal.idsNewestFirst()]);
        const full = planImport(new Map(existing.map((checkIn) => [checkIn.id, checkIn])), parsed.value.checkIns);
        const { plan, skipped } = withoutUnreadable(full, new Set(storedIds));
        if (plan.add.length > 0 || plan.update.length > 0) await journal.writeImport(plan);
        let message = [describeImport(plan), skippedMessage(skipped)].filter(Boolean).join(' ');
        const incomingPlan = parsed.value.safetyPlan;
        if (incomingPlan) {
          try {
            const said = await importSafetyPlan(new SafetyPlanStore(journal.db), incomingPlan);
            if (said) message += ` ${said}`;
          } catch (error) {
            // The check-ins are safely in; only the plan failed, so say exactly that.
            message += ` The safety plan from the file could not be added: ${errorText(error)}`;
          }
        }
        try {
          const incoming = parsed.value.preferences;
          await settingsApi.update((current) => mergePreferences(current, incoming) ?? {});
        } catch (error) {
          // The check-ins are safely in; only the word lists failed, so say exactly that.
          message += ` Your activities and emotion words from the file could not be added: ${errorText(error)}`;
        }
        finish('success', message);
      }, 'The import could not be finished, and your journal is unchanged.'),
    [exclusive, finish, journal, platform, settingsApi],
  );

  const exportJson = useCallback(() => exportAs('json'), [exportAs]);
  const exportMarkdown = useCallback(() => exportAs('markdown'), [exportAs]);
  const exportCsv = useCallback(() => exportAs('csv'), [exportAs]);

  return useMemo(
    () => ({ exportJson, exportMarkdown, exportCsv, importJson, busy, outcome }),
    [exportJson, exportMarkdown, exportCsv, importJson, busy, outcome],
  );
}
