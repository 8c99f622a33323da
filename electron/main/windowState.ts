// Remembers the main window's size, position and maximized state in a small JSON file in userData.
// Reading is lenient (a missing or damaged file gives defaults) and a remembered position is only reused
// when it is still on a connected display.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { createLogger } from './log';

const log = createLogger('window-state');

export interface Rectangle {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  readonly width: number;
  readonly height: number;
  /** Absent: let the OS centre the window. */
  readonly position?: { readonly x: number; readonly y: number };
  readonly maximized: boolean;
}

export const MIN_WINDOW_SIZE = { width: 900, height: 600 } as const;
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1200, height: 800, maximized: false };
export const WINDOW_STATE_FILE = 'window-state.json';

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);

const StoredWindowStateSchema = z.object({
  width: length,
  height: length,
  position: z.object({ x: coordinate, y: coordinate }).optional(),
  maximized: z.boolean().default(false),
});

/** Parses stored state; anything unusable gives the defaults. */
export function parseWindowState(raw: unknown): WindowState {
  const parsed = StoredWindowStateSchema.safeParse(raw);
  if (!parsed.success) return DEFAULT_WINDOW_STATE;
  const { width, height, position, maximized } = parsed.data;
  return position === undefined ? { width, height, maximized } : { width, height, position, maximized };
}

/** Reads the state file; a missing, unreadable or damaged file gives the defaults, never an error. */
export function readWindowState(file: string): WindowState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!isMissingFile(error)) log.warn('could not read the window state; using defaults', error);
    return DEFAULT_WINDOW_STATE;
  }
  try {
    return parseWindowState(JSON.parse(text));
  } catch (error) {
    log.warn('the window state file is damaged; using defaults', error);
    return DEFAULT_WINDOW_STATE;
  }
}

/** Writes the state atomically (a temporary file renamed over the old one). */
export function writeWindowState(file: string, state: WindowState): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${String(process.pid)}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(state)}\n`, 'utf8');
  renameSync(temporary, file);
}

/**
 * Makes a remembered state fit the displays connected now: a window mostly off every display loses its
 * position (the OS centres it), and a window larger than its display shrinks to fit inside it.
 * `workAreas` lists the displays' work areas, primary first.
 */
export function fitToDisplays(state: WindowState, workAreas: readonly Rectangle[], minimum = MIN_WINDOW_SIZE): WindowState {
  const primary = workAreas[0];
  if (primary === undefined) return state;
  const position = state.position;
  const bounds: Rectangle | null = position ? { x: position.x, y: position.y, width: state.width, height: state.height } : null;
  const host = bounds ? bestDisplay(bounds, workAreas) : null;
  const area = host ?? primary;
  const width = clamp(state.width, Math.min(minimum.width, area.width), area.width);
  const height = clamp(state.height, Math.min(minimum.height, area.height), area.height);
  if (!bounds || !host) return { width, height, maximized: state.maximized };
  const x = clamp(bounds.x, host.x, host.x + host.width - width);
  const y = clamp(bounds.y, host.y, host.y + host.height - height);
  return { width, height, position: { x, y }, maximized: state.maximized };
}

/** The display showing the largest part of the window, if enough of it shows to grab and move it. */
function bestDisplay(bounds: Rectangle, workAreas: readonly Rectangle[]): Rectangle | null {
  let best: Rectangle | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = intersection(bounds, area);
    if (overlap.width >= 100 && overlap.height >= 50 && overlap.width * overlap.height > bestArea) {
      best = area;
      bestArea = overlap.width * overlap.height;
    }
  }
  return best;
}

function intersection(a: Rectangle, b: Rectangle): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/** The parts of Electron's BrowserWindow that state tracking uses. */
export interface TrackableWindow {
  on(event: 'resize', listener: () => void): unknown;
  on(event: 'move', listener: () => void): unknown;
  on(event: 'maximize', listener: () => void): unknown;
  on(event: 'unmaximize', listener: () => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
}

export interface Timers<Handle> {
  setTimer(callback: () => void, delayMs: number): Handle;
  clearTimer(handle: Handle): void;
}

/**
 * Saves the window's state while it changes (debounced) and once more, synchronously, when it closes.
 * Returns a function that writes any pending change now.
 */
export function trackWindowState<Handle>(window: TrackableWindow, file: string, timers: Timers<Handle>, delayMs = 500): () => void {
  let pending: Handle | null = null;
  const save = (): void => {
    pending = null;
    // A minimized or full-screen window's bounds are not the ones to come back to; the last good ones are kept.
    if (window.isMinimized() || window.isFullScreen()) return;
    const bounds = window.getNormalBounds();
    const state: WindowState = {
      width: Math.round(bounds.width),
      height: Math.round(bounds.height),
      position: { x: Math.round(bounds.x), y: Math.round(bounds.y) },
      maximized: window.isMaximized(),
    };
    try {
      writeWindowState(file, parseWindowState(state));
    } catch (error) {
      log.warn('could not save the window state', error);
    }
  };
  const schedule = (): void => {
    if (pending !== null) timers.clearTimer(pending);
    pending = timers.setTimer(save, delayMs);
  };
  const flush = (): void => {
    if (pending !== null) timers.clearTimer(pending);
    save();
  };
  window.on('resize', schedule);
  window.on('move', schedule);
  window.on('maximize', schedule);
  window.on('unmaximize', schedule);
  window.on('close', flush);
  return flush;
}
