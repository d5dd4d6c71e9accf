import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Empty, List, Typography } from 'antd';
import { useState } from 'react';
import { recordHref } from '../areas/registry';
import { api } from '../bridge';
import { navigate } from '../router/useRoute';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useQuery } from '../shared/useQuery';
import { useSession } from '../areas/settings/sessionStore';
import { shownMessages } from './messageStore';

/**
 * 消息: the notifications that popped up (and those still to come), kept in a list after the
 * pop-up is gone. The badge counts those not shown yet.
 */
export function Messages() {
  const [open, setOpen] = useState(false);
  const login = useSession().info?.current.login ?? '';
  const { data, error, reload } = useQuery(`notifications.recent:${login}`, () => api.notifications.recent(), { live: true });
  // What the service still derives, and what popped up before (kept in this browser).
  const derived = data?.notifications ?? [];
  const known = new Set(derived.map((n) => n.key));
  const list = [...derived, ...(open ? shownMessages(login) : []).filter((n) => !known.has(n.key)).map((n) => ({ ...n, seen: true }))].sort((a, b) =>
    a.since < b.since ? 1 : a.since > b.since ? -1 : 0,
  );
  const unseen = list.filter((n) => !n.seen).length;
  return (
    <>
      <Badge count={unseen} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined style={{ color: '#fff' }} />} onClick={() => (setOpen(true), reload())} data-testid="messages-open" aria-label="消息" style={{ color: '#fff' }}>
          消息
        </Button>
      </Badge>
      <Drawer title="消息" open={open} onClose={() => setOpen(false)} width={420} data-testid="messages">
        <ErrorAlert error={error} onRetry={reload} />
        {list.length === 0 ? (
          <Empty description="暂无消息" image={Empty.PRESENTED_IMAGE_SIMPLE} />
        ) : (
          <List
            dataSource={list}
            renderItem={(n) => (
              <List.Item
                key={n.key}
                data-testid="message-entry"
                style={{ cursor: n.itemId ? 'pointer' : undefined }}
                onClick={() => {
                  if (!n.itemId) return;
                  setOpen(false);
                  navigate(recordHref(n.recordKind || 'supervision', n.itemId));
                }}
              >
                <List.Item.Meta
                  title={<Typography.Text strong={!n.seen}>{n.title}</Typography.Text>}
                  description={
                    <>
                      <div>{n.body}</div>
                      <Typography.Text type="secondary">{n.since.slice(0, 10)}</Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
