// The lock's pure parts: the recovery key as groups and as a saved file, the wait left, and the idle watch
// (one timer, re-armed for the rest of the time when input happened meanwhile).
import { describe, expect, it, vi } from 'vitest';
import { createVault, parseRecoveryKey } from '@shared/vault/keys';
import { recoveryKeyFile, recoveryKeyGroups, waitLeft, watchIdle } from '../../../../renderer/src/features/lock/model';

function fakeClock() {
  let time = 1_000_000;
  const timers = new Map<number, { at: number; callback: () => void }>();
  let next = 1;
  return {
    now: () => time,
    setTimer: (callback: () => void, delayMs: number) => {
      timers.set(next, { at: time + delayMs, callback });
      return next++;
    },
    clearTimer: (handle: number) => {
      timers.delete(handle);
    },
    pending: () => timers.size,
    advance(ms: number) {
      const end = time + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        time = due[1].at;
        due[1].callback();
      }
      time = end;
    },
  };
}

describe('recovery key', () => {
  it('shows a real recovery key as nine groups of four that parse back to the same key', async () => {
    const { recoveryKey } = await createVault('correct horse battery staple', { memoryKiB: 8, iterations: 1, parallelism: 1 });
    const groups = recoveryKeyGroups(recoveryKey);
    expect(groups).toHaveLength(9);
    for (const group of groups) expect(group).toMatch(/^[0-9A-Z]{4}$/);
    const typed = parseRecoveryKey(groups.join(' ').toLowerCase());
    expect(typed.ok && typed.key).toBe(recoveryKey);
  });

  it('saves as a plain-text file with the key, the date and the honest warning', () => {
    const file = recoveryKeyFile('ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789-ABCD', new Date(2026, 11, 6, 9, 30));
    expect(file.suggestedName).toBe('Hearth recovery key 2026-12-06.txt');
    expect(file.content).toContain('ABCD EFGH JKMN PQRS TVWX YZ01 2345 6789 ABCD');
    expect(file.content).toContain('Hearth keeps no copy. Without your passcode or this recovery key, your journal cannot be opened by anyone, including you.');
    expect(file.suggestedName).not.toMatch(/[/\\]/);
  });
});

describe('waitLeft', () => {
  it('counts down to zero and never below', () => {
    expect(waitLeft(null, 5)).toBe(0);
    expect(waitLeft(10_000, 4_000)).toBe(6_000);
    expect(waitLeft(10_000, 12_000)).toBe(0);
  });
});

describe('watchIdle', () => {
  it('fires once after the idle time with no input', () => {
    const clock = fakeClock();
    const onIdle = vi.fn();
    watchIdle(15 * 60_000, onIdle, clock);
    clock.advance(15 * 60_000 - 1);
    expect(onIdle).not.toHaveBeenCalled();
    clock.advance(1);
    expect(onIdle).toHaveBeenCalledOnce();
    clock.advance(60 * 60_000);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('starts again from the last input, with a single timer however much input there is', () => {
    const clock = fakeClock();
    const onIdle = vi.fn();
    const idle = watchIdle(5 * 60_000, onIdle, clock);
    for (let minute = 0; minute < 20; minute++) {
      clock.advance(60_000);
      for (let move = 0; move < 50; move++) idle.activity();
      expect(clock.pending()).toBe(1);
    }
    expect(onIdle).not.toHaveBeenCalled();
    clock.advance(5 * 60_000 - 1);
    expect(onIdle).not.toHaveBeenCalled();
    clock.advance(1);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('does nothing once stopped', () => {
    const clock = fakeClock();
    const onIdle = vi.fn();
    watchIdle(1_000, onIdle, clock).stop();
    expect(clock.pending()).toBe(0);
    clock.advance(10_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
