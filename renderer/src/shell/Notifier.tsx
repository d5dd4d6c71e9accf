import { App } from 'antd';
import { useEffect, useEffectEvent, useRef } from 'react';
import type { AppNotification } from '../../../core/ipc/notifications';
import { recordHref } from '../areas/registry';
import { api, onAppEvent, onResync } from '../bridge';
import { navigate } from '../router/useRoute';
import { useSession } from '../areas/settings/sessionStore';
import { rememberShown } from './messageStore';

/** Shown one by one; beyond this a single summary. */
const MAX_SHOWN = 3;
const POLL_MS = 60_000;

const canNotify = () => typeof Notification !== 'undefined';

/**
 * Desktop notifications (新交办, 催办, 退回, 临近时限…) for the current identity. One implementation
 * for both hosts: the HTML5 Notification API (Chromium in Electron, the browser in the web host);
 * when permission is not granted, antd's in-app notification. Whatever was shown is acknowledged
 * (`notifications.ack`), and the service never offers a key twice.
 */
export function Notifier() {
  const { notification } = App.useApp();
  const busy = useRef(false);
  const login = useSession().info?.current.login ?? '';

  const show = (n: AppNotification) => {
    const open = () => navigate(recordHref(n.recordKind || 'supervision', n.itemId));
    if (canNotify() && Notification.permission === 'granted') {
      const desktop = new Notification(n.title, { body: n.body, tag: n.key });
      desktop.onclick = () => {
        window.focus();
        open();
      };
    } else {
      notification.info({ key: n.key, title: n.title, description: n.body, onClick: open, placement: 'bottomRight' });
    }
  };

  const check = useEffectEvent(async () => {
    // Until the identity is known nothing is shown (and acknowledged) that 消息 could not keep.
    if (busy.current || !login) return;
    busy.current = true;
    try {
      const result = await api.notifications.pending();
      if (!result.ok || result.value.notifications.length === 0) return;
      const list = result.value.notifications;
      if (canNotify() && Notification.permission === 'default') {
        await Notification.requestPermission().catch(() => 'denied');
      }
      list.slice(0, MAX_SHOWN).forEach(show);
      // Kept for 消息 (the pop-up goes; what it was about may be done before it is read again).
      rememberShown(login, list);
      if (list.length > MAX_SHOWN) {
        show({ key: `summary:${list[MAX_SHOWN]?.key ?? ''}`, kind: 'urge', title: `另有 ${list.length - MAX_SHOWN} 条督办提醒`, body: '请在工作台的待办中查看', itemId: '', recordKind: '', since: '' });
      }
      await api.notifications.ack({ keys: list.map((n) => n.key) });
    } finally {
      busy.current = false;
    }
  });

  useEffect(() => {
    if (login) void check();
  }, [login]);

  useEffect(() => {
    void check();
    const timer = setInterval(() => void check(), POLL_MS);
    const offEvent = onAppEvent((e) => {
      if (e.type === 'records-changed') void check();
    });
    const offResync = onResync(() => void check());
    return () => {
      clearInterval(timer);
      offEvent();
      offResync();
    };
  }, []);

  return null;
}
