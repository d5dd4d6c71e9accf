import type { AppNotification } from '../../../core/ipc/notifications';

/**
 * The notifications that popped up, per login, kept in this browser (localStorage) so 消息 still
 * lists one after what it was about is done (a 督查单 answered leaves no notice to derive).
 * At most MAX per login, newest kept.
 */
const MAX = 200;
const keyOf = (login: string) => `xietong.messages.${login}`;

export function shownMessages(login: string): AppNotification[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(keyOf(login)) ?? '[]');
    return Array.isArray(raw) ? (raw.filter((n) => n && typeof n === 'object' && typeof (n as AppNotification).key === 'string') as AppNotification[]) : [];
  } catch {
    // Unreadable (edited by hand, another version): start again rather than fail.
    return [];
  }
}

export function rememberShown(login: string, list: readonly AppNotification[]): void {
  if (!login || list.length === 0) return;
  const known = new Set(list.map((n) => n.key));
  const next = [...list, ...shownMessages(login).filter((n) => !known.has(n.key))].slice(0, MAX);
  try {
    localStorage.setItem(keyOf(login), JSON.stringify(next));
  } catch {
    // Storage full or disabled: 消息 then shows what the service still derives.
  }
}
