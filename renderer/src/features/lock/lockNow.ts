// Locking Hearth: the window is covered at once, an unsaved check-in is sealed to come back after
// unlocking, and the page reloads into the lock screen. Reloading is the simplest honest way to drop every
// key: the data key, the circles' secrets and every decrypted entry live only in this page's memory, and a
// reload throws all of it away at once, where clearing each by hand could miss one.

const LOCKED_BY_PERSON = 'hearth:locked-by-person';

/** Work to finish (sealed) before the page goes: the open check-in draft. Set by the app once unlocked. */
type BeforeLock = () => Promise<void>;
let beforeLock: BeforeLock | null = null;
let dropKey: (() => void) | null = null;
let locking = false;

export function setBeforeLock(work: BeforeLock | null): void {
  beforeLock = work;
}

/** The vault's own lock(): forgets the key in this window even before the reload happens. */
export function setDropKey(drop: (() => void) | null): void {
  dropKey = drop;
}

export function isLocking(): boolean {
  return locking;
}

/**
 * Locks now (the shortcut, the menu, Settings, or idle time). Idempotent. `reload` is the page's reload,
 * passed in so tests can watch it.
 */
export async function lockHearth(reload: () => void = () => window.location.reload()): Promise<void> {
  if (locking) return;
  locking = true;
  coverWindow();
  try {
    window.sessionStorage.setItem(LOCKED_BY_PERSON, '1');
  } catch {
    // Without sessionStorage the lock screen may offer the keychain again; the lock itself still happens.
  }
  try {
    await beforeLock?.();
  } finally {
    dropKey?.();
    reload();
  }
}

/** True once after the person (or idle time) locked Hearth: the lock screen then asks for the passcode. */
export function takeLockedByPerson(): boolean {
  try {
    const locked = window.sessionStorage.getItem(LOCKED_BY_PERSON) === '1';
    window.sessionStorage.removeItem(LOCKED_BY_PERSON);
    return locked;
  } catch {
    // No sessionStorage: treat it as locked on purpose, the safer reading.
    return true;
  }
}

/** Plain DOM, not React: it must cover the window in this same frame, whatever React is doing. */
function coverWindow(): void {
  const cover = document.createElement('div');
  cover.className = 'lock-cover';
  cover.setAttribute('role', 'status');
  cover.textContent = 'Locking Hearth…';
  document.body.append(cover);
  document.title = 'Hearth';
}
