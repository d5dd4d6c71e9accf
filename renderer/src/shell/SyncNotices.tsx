import { App } from 'antd';
import { useEffect } from 'react';
import { onAppEvent } from '../bridge';

/**
 * Tells the user when sync removed records they may no longer see (您已无权查看…,已从本机移除).
 * Mounted once in the layout; renders nothing itself.
 */
export function SyncNotices() {
  const { notification } = App.useApp();
  useEffect(
    () =>
      onAppEvent((event) => {
        if (event.type !== 'records-removed') return;
        notification.warning({
          key: `removed-${event.records.map((r) => r.id).join(',')}`,
          title: '记录已从本机移除',
          description: <span data-testid="removed-notice">{event.message}</span>,
          duration: 0,
        });
      }),
    [notification],
  );
  return null;
}
