// The bench page's entry: puts each bench part on window for the Node runner (tests/bench/run.ts).
import { runJournalBench } from './journalBench';
import { runVaultBench } from './vaultBench';

function progress(message: string): void {
  // Progress is best effort: a lost line must not fail the bench, so the promise is left to settle alone.
  void window.benchProgress?.(message).catch(() => undefined);
}

window.runJournalBench = (options) => runJournalBench(options, progress);
window.runVaultBench = (options) => runVaultBench(options, progress);
document.body.dataset.ready = 'true';
