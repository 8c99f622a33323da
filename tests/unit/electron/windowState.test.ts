// Window state: lenient reading, atomic saving, fitting onto today's displays, and debounced tracking.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setLogSink, type LogSink } from '../../../electron/main/log';
import {
  DEFAULT_WINDOW_STATE,
  fitToDisplays,
  parseWindowState,
  readWindowState,
  trackWindowState,
  writeWindowState,
  type Rectangle,
  type TrackableWindow,
  type WindowState,
} from '../../../electron/main/windowState';

let previousSink: LogSink;
beforeAll(() => {
  previousSink = setLogSink(null);
});
afterAll(() => {
  setLogSink(previousSink);
});

let directory: string;
beforeEach(() => {
  directory = mkdtempSync(join(tmpdir(), 'hearth-window-'));
});
afterEach(() => {
  rmSync(directory, { recursive: true, force: true });
});

describe('reading and writing', () => {
  it('gives defaults for a missing file', () => {
    expect(readWindowState(join(directory, 'window-state.json'))).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('gives defaults for a damaged or strange file, never an error', () => {
    const file = join(directory, 'window-state.json');
    for (const text of ['{"width": 12', '', 'null', '[]', '{"width":"wide","height":600}', '{"width":-5,"height":600}', '\u0000\u0001']) {
      writeFileSync(file, text);
      expect(readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    }
  });

  it('gives defaults when the path is a folder', () => {
    expect(readWindowState(directory)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('round-trips what it wrote, creating the folder if needed', () => {
    const file = join(directory, 'nested', 'window-state.json');
    const state: WindowState = { width: 1000, height: 700, position: { x: 40, y: 30 }, maximized: true };
    writeWindowState(file, state);
    expect(readWindowState(file)).toEqual(state);
  });

  it('keeps a state without a position and defaults maximized to false', () => {
    expect(parseWindowState({ width: 1000, height: 700 })).toEqual({ width: 1000, height: 700, maximized: false });
  });
});

describe('fitToDisplays', () => {
  const primary: Rectangle = { x: 0, y: 0, width: 1920, height: 1040 };
  const right: Rectangle = { x: 1920, y: 0, width: 1280, height: 1024 };

  it('keeps a window that is on a display', () => {
    const state: WindowState = { width: 1200, height: 800, position: { x: 100, y: 80 }, maximized: false };
    expect(fitToDisplays(state, [primary, right])).toEqual(state);
  });

  it('keeps a window on a secondary display', () => {
    const state: WindowState = { width: 1000, height: 700, position: { x: 2000, y: 100 }, maximized: true };
    expect(fitToDisplays(state, [primary, right])).toEqual(state);
  });

  it('drops the position of a window on a display that is gone', () => {
    const state: WindowState = { width: 1000, height: 700, position: { x: 2000, y: 100 }, maximized: false };
    expect(fitToDisplays(state, [primary])).toEqual({ width: 1000, height: 700, maximized: false });
  });

  it('drops the position when only a sliver would show', () => {
    const state: WindowState = { width: 1000, height: 700, position: { x: 1900, y: 100 }, maximized: false };
    expect(fitToDisplays(state, [primary]).position).toBeUndefined();
  });

  it('pulls a partly hidden window fully onto its display', () => {
    const state: WindowState = { width: 1000, height: 700, position: { x: 1500, y: -50 }, maximized: false };
    expect(fitToDisplays(state, [primary])).toEqual({ width: 1000, height: 700, position: { x: 920, y: 0 }, maximized: false });
  });

  it('shrinks a window larger than its display, but not below the minimum the display allows', () => {
    const small: Rectangle = { x: 0, y: 0, width: 1024, height: 700 };
    expect(fitToDisplays({ width: 3000, height: 2000, maximized: false }, [small])).toEqual({ width: 1024, height: 700, maximized: false });
    const tiny: Rectangle = { x: 0, y: 0, width: 800, height: 500 };
    expect(fitToDisplays({ width: 1000, height: 700, maximized: false }, [tiny])).toEqual({ width: 800, height: 500, maximized: false });
  });

  it('leaves the state alone when no display is known', () => {
    const state: WindowState = { width: 1000, height: 700, position: { x: 5000, y: 5000 }, maximized: false };
    expect(fitToDisplays(state, [])).toEqual(state);
  });
});

describe('trackWindowState', () => {
  function fakeWindow() {
    const listeners = new Map<string, () => void>();
    let bounds: Rectangle = { x: 10, y: 20, width: 1000, height: 700 };
    let maximized = false;
    let minimized = false;
    const window: TrackableWindow = {
      on: (event: string, listener: () => void) => listeners.set(event, listener),
      getNormalBounds: () => bounds,
      isMaximized: () => maximized,
      isMinimized: () => minimized,
      isFullScreen: () => false,
    };
    return {
      window,
      emit: (event: string) => listeners.get(event)?.(),
      setBounds: (next: Rectangle) => {
        bounds = next;
      },
      setMaximized: (value: boolean) => {
        maximized = value;
      },
      setMinimized: (value: boolean) => {
        minimized = value;
      },
    };
  }

  function manualTimers() {
    let nextId = 0;
    const pending = new Map<number, () => void>();
    return {
      timers: {
        setTimer: (callback: () => void) => {
          nextId += 1;
          pending.set(nextId, callback);
          return nextId;
        },
        clearTimer: (id: number) => {
          pending.delete(id);
        },
      },
      pending,
      runAll: () => {
        const callbacks = [...pending.values()];
        pending.clear();
        callbacks.forEach((callback) => callback());
      },
    };
  }

  it('saves once after a burst of changes', () => {
    const file = join(directory, 'window-state.json');
    const fake = fakeWindow();
    const clock = manualTimers();
    trackWindowState(fake.window, file, clock.timers);
    fake.emit('resize');
    fake.setBounds({ x: 50, y: 60, width: 1100, height: 750 });
    fake.emit('move');
    expect(clock.pending.size).toBe(1);
    expect(readWindowState(file)).toEqual(DEFAULT_WINDOW_STATE);
    clock.runAll();
    expect(readWindowState(file)).toEqual({ width: 1100, height: 750, position: { x: 50, y: 60 }, maximized: false });
  });

  it('remembers maximized with the normal bounds beneath it', () => {
    const file = join(directory, 'window-state.json');
    const fake = fakeWindow();
    const clock = manualTimers();
    trackWindowState(fake.window, file, clock.timers);
    fake.setMaximized(true);
    fake.emit('maximize');
    clock.runAll();
    expect(readWindowState(file)).toEqual({ width: 1000, height: 700, position: { x: 10, y: 20 }, maximized: true });
  });

  it('writes at once when the window closes', () => {
    const file = join(directory, 'window-state.json');
    const fake = fakeWindow();
    const clock = manualTimers();
    trackWindowState(fake.window, file, clock.timers);
    fake.emit('resize');
    fake.emit('close');
    expect(clock.pending.size).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ width: 1000, height: 700, position: { x: 10, y: 20 }, maximized: false });
  });

  it('keeps the last good state while minimized', () => {
    const file = join(directory, 'window-state.json');
    const fake = fakeWindow();
    const clock = manualTimers();
    const flush = trackWindowState(fake.window, file, clock.timers);
    flush();
    fake.setMinimized(true);
    fake.setBounds({ x: -32000, y: -32000, width: 160, height: 28 });
    fake.emit('move');
    clock.runAll();
    expect(readWindowState(file).position).toEqual({ x: 10, y: 20 });
  });
});
