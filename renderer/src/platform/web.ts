// The browser preview's platform: downloads for saving, a file picker for opening, the Web
// Notifications API for reminders (while the page is open), and a confirm() before external links.
import { nextReminderAt } from '@shared/reminder/schedule';
import { deviceTimeZone } from '@shared/journal/days';
import type { MenuCommand } from '@shared/ipc/menu';
import { NOTICE_TEXT } from '@shared/wellbeing/circleNotices';
import type { OpenFileRequest, OpenFileResult, Platform, ReminderPlan, SaveFileRequest } from './platform';

// setTimeout stores delays in 32 bits; longer waits are chained.
const MAX_TIMER_MS = 2 ** 31 - 1;

function permissionState(): 'granted' | 'denied' | 'prompt' {
  if (typeof Notification === 'undefined') return 'denied';
  return Notification.permission === 'default' ? 'prompt' : Notification.permission;
}

export function createWebPlatform(): Platform {
  const menuListeners = new Set<(command: MenuCommand) => void>();
  let reminderTimer: number | undefined;

  const schedule = (plan: ReminderPlan): void => {
    window.clearTimeout(reminderTimer);
    reminderTimer = undefined;
    const at = nextReminderAt(plan, Date.now(), deviceTimeZone());
    if (at === null) return;
    const wait = Math.min(at - Date.now(), MAX_TIMER_MS);
    reminderTimer = window.setTimeout(() => {
      if (Date.now() >= at && permissionState() === 'granted') {
        const notification = new Notification('Time for a check-in', { body: 'How are you today? A minute is enough.', tag: 'hearth-reminder' });
        notification.onclick = () => {
          window.focus();
          for (const listener of menuListeners) listener('new-check-in');
        };
      }
      // After firing (or after a chained wait) plan the next one; today counts as reminded.
      schedule(Date.now() >= at ? { ...plan, checkedInDay: null } : plan);
    }, Math.max(wait, 0));
  };

  return {
    kind: 'web',

    saveFile(request: SaveFileRequest) {
      const url = URL.createObjectURL(new Blob([request.content], { type: `${request.mimeType};charset=utf-8` }));
      const link = document.createElement('a');
      link.href = url;
      link.download = request.suggestedName;
      link.rel = 'noopener';
      document.body.append(link);
      link.click();
      link.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return Promise.resolve('saved');
    },

    openFile(request: OpenFileRequest) {
      return new Promise<OpenFileResult>((resolve) => {
        const input = document.createElement('input');
        input.type = 'file';
        input.accept = request.extensions.map((extension) => `.${extension}`).join(',');
        input.addEventListener('cancel', () => resolve({ kind: 'cancelled' }));
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          if (!file) return resolve({ kind: 'cancelled' });
          if (file.size > request.maxBytes) return resolve({ kind: 'too-large', bytes: file.size });
          file.text().then(
            (content) => resolve({ kind: 'opened', file: { name: file.name, content } }),
            // A file that cannot be read is reported like an empty, damaged one so the importer explains it.
            () => resolve({ kind: 'opened', file: { name: file.name, content: '' } }),
          );
        });
        input.click();
      });
    },

    configureReminder(plan) {
      schedule(plan);
      return Promise.resolve();
    },

    notificationPermission() {
      return Promise.resolve(permissionState());
    },

    async requestNotificationPermission() {
      if (typeof Notification === 'undefined') return 'denied';
      await Notification.requestPermission();
      return permissionState();
    },

    showCircleNotice(kind, tag) {
      if (permissionState() !== 'granted') return Promise.resolve('not-shown');
      const text = NOTICE_TEXT[kind];
      const notification = new Notification(text.title, { body: text.body, tag: `hearth-circle-${tag}` });
      return new Promise((resolve) => {
        notification.onclick = () => {
          window.focus();
          notification.close();
          resolve('clicked');
        };
        notification.onclose = () => resolve('closed');
        notification.onerror = () => resolve('not-shown');
      });
    },

    openExternal(url) {
      if (!/^https:\/\//i.test(url) && !/^mailto:/i.test(url)) return Promise.resolve();
      if (window.confirm(`Open this link in a new tab?\n\n${url}`)) window.open(url, '_blank', 'noopener,noreferrer');
      return Promise.resolve();
    },

    onMenuCommand(listener) {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },

    // A browser doesn't hand hearth:// links to a page; #/circles?join=<link> does the same job here.
    onInviteLink() {
      return () => undefined;
    },

    relayHost: null,
    keychain: null,
    earlierJournal: null,
  };
}
