import { Avatar, Flex, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { PresenceUser } from '../../../core/ipc/sync';
import { api, onAppEvent, onResync } from '../bridge';

/** This window's viewer id: presence counts windows, not people, until the main process merges them. */
const VIEWER = `w-${Math.random().toString(36).slice(2)}-${Date.now().toString(36)}`;
/** Repeated while the record is shown; main forgets a window after 45 s of silence. */
const HEARTBEAT_MS = 15_000;

const COLORS = ['#1d58a8', '#c8161d', '#389e0d', '#d48806', '#531dab', '#08979c'];
const colorOf = (login: string) => COLORS[[...login].reduce((n, c) => n + c.charCodeAt(0), 0) % COLORS.length];

/**
 * Who else is viewing this record, as avatars (the surname, or the first letter). Tells the main
 * process which record this window shows (`sync.viewing`), so others see us too. Renders nothing
 * while nobody else is there, or when sync is not configured.
 */
export function Presence({ recordId }: { recordId: string }) {
  const [users, setUsers] = useState<PresenceUser[]>([]);

  useEffect(() => {
    let live = true;
    const announce = () =>
      void api.sync.viewing({ viewer: VIEWER, recordId }).then((result) => {
        if (live && result.ok) setUsers(result.value.users);
      });
    announce();
    const timer = window.setInterval(announce, HEARTBEAT_MS);
    const offEvent = onAppEvent((event) => {
      if (event.type === 'presence' && event.recordId === recordId) setUsers(event.users);
    });
    const offResync = onResync(announce);
    return () => {
      live = false;
      window.clearInterval(timer);
      offEvent();
      offResync();
      void api.sync.viewing({ viewer: VIEWER, recordId: null });
    };
  }, [recordId]);

  if (users.length === 0) return null;
  return (
    <Flex align="center" gap={8} data-testid="presence" data-count={users.length}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        正在查看
      </Typography.Text>
      <Avatar.Group max={{ count: 5 }} size="small">
        {users.map((u) => (
          <Tooltip key={u.login} title={u.unit ? `${u.name} · ${u.unit}` : u.name}>
            <Avatar size="small" style={{ backgroundColor: colorOf(u.login) }} data-testid="presence-user" data-login={u.login}>
              {[...(u.name || u.login)][0]}
            </Avatar>
          </Tooltip>
        ))}
      </Avatar.Group>
    </Flex>
  );
}
