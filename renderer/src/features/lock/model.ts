// The lock's pure parts: how a recovery key is shown, printed and saved; how long the wait after wrong
// attempts still is; and when the window has been idle long enough to lock.

/** "ABCD-EFGH-…" as its groups of four, for showing in large type. */
export function recoveryKeyGroups(recoveryKey: string): string[] {
  return recoveryKey.split('-').filter((group) => group !== '');
}

/** The words that go with a recovery key wherever it is kept (the printed page and the saved file). */
export const RECOVERY_KEY_EXPLANATION = [
  'This recovery key opens your Hearth journal if you forget your passcode.',
  'Hearth keeps no copy. Without your passcode or this recovery key, your journal cannot be opened by anyone, including you.',
  'Keep it somewhere safe and private, away from this computer: with important papers, or in a password manager.',
] as const;

/** The plain-text file offered by "Save as file". */
export function recoveryKeyFile(recoveryKey: string, madeAt: Date): { suggestedName: string; content: string } {
  const day = `${String(madeAt.getFullYear())}-${String(madeAt.getMonth() + 1).padStart(2, '0')}-${String(madeAt.getDate()).padStart(2, '0')}`;
  const content = [
    'Hearth recovery key',
    '',
    `    ${recoveryKeyGroups(recoveryKey).join(' ')}`,
    '',
    `Made on ${day}. A newer recovery key, if you make one, replaces this one.`,
    '',
    ...RECOVERY_KEY_EXPLANATION,
    '',
  ].join('\n');
  return { suggestedName: `Hearth recovery key ${day}.txt`, content };
}

/** Milliseconds until another attempt may be checked; 0 when it may be now. */
export function waitLeft(retryAt: number | null, now: number): number {
  return retryAt === null ? 0 : Math.max(0, retryAt - now);
}

export interface IdleWatchDeps {
  readonly now: () => number;
  readonly setTimer: (callback: () => void, delayMs: number) => number;
  readonly clearTimer: (handle: number) => void;
}

export interface IdleWatch {
  /** Input happened: the idle time starts again. Cheap, so it can be called on every key and mouse move. */
  activity(): void;
  stop(): void;
}

/**
 * Calls `onIdle` once after `idleMs` without activity. Activity only records the time; the one timer, when
 * it fires early, sets itself again for the rest, so a stream of mouse moves costs no timer churn.
 */
export function watchIdle(idleMs: number, onIdle: () => void, deps: IdleWatchDeps): IdleWatch {
  let last = deps.now();
  let handle: number | null = null;
  let done = false;
  const arm = (delay: number): void => {
    handle = deps.setTimer(check, delay);
  };
  function check(): void {
    handle = null;
    if (done) return;
    const idle = deps.now() - last;
    if (idle >= idleMs) {
      done = true;
      onIdle();
    } else arm(idleMs - idle);
  }
  arm(idleMs);
  return {
    activity() {
      last = deps.now();
    },
    stop() {
      done = true;
      if (handle !== null) deps.clearTimer(handle);
      handle = null;
    },
  };
}
