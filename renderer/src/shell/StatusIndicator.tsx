import { WarningFilled } from '@ant-design/icons';
import { Badge, Button, Flex, Tooltip, Typography } from 'antd';
import type { BadgeProps } from 'antd';
import type { SyncState, SyncStatusView } from '../../../core/ipc/sync';
import { RELOGIN_HASH } from '../areas/settings/SyncSettings';
import { formatTime } from '../shared/format';
import { useSyncStatus } from './syncStore';
import { useConnection } from './useConnection';

const SYNC_LOOK: Record<SyncState, { text: string; badge: BadgeProps['status'] }> = {
  disabled: { text: '未配置同步', badge: 'default' },
  offline: { text: '离线', badge: 'warning' },
  connecting: { text: '连接中', badge: 'processing' },
  syncing: { text: '同步中', badge: 'processing' },
  online: { text: '在线', badge: 'success' },
};

/** The small line under the state: what waits to be sent, else when the last sync finished. */
function detail(status: SyncStatusView): string | null {
  if (status.state === 'disabled') return '数据保存在本机';
  const progress = status.pending > 0 ? `待同步 ${status.pending} 条` : status.lastSyncAt ? `最近同步 ${formatTime(status.lastSyncAt).slice(11)}` : null;
  // An expired login stops syncing until the user acts: say so where it is seen, not only in the tooltip.
  if (status.needsLogin) return progress ? `登录已失效 · ${progress}` : '登录已失效';
  return progress;
}

function tooltip(status: SyncStatusView): string {
  if (status.state === 'disabled') return '未配置同步服务器,所有数据保存在本机,可照常办理。可在 设置 → 数据同步 中登录同步服务器。';
  const lines = [
    `同步服务器:${status.server ?? '—'}`,
    status.user ? `登录用户:${status.user.name}(${status.user.login})` : null,
    `待同步:${status.pending} 条`,
    `最近同步:${formatTime(status.lastSyncAt)}`,
    status.state === 'offline' ? '暂时连不上同步服务器,修改保存在本机,恢复连接后自动同步。' : null,
    status.error ? `问题:${status.error}` : null,
    status.needsLogin ? '请点击“重新登录”,输入口令后继续同步;在此之前的修改保存在本机。' : null,
  ];
  return lines.filter(Boolean).join('\n');
}

/**
 * The header's status: whether the local service answers, then the sync engine's state
 * (在线 / 离线 / 同步中 …) with the pending count, the last sync time and the last error.
 * Clicking it opens 设置, where the server is configured. When the server no longer takes the
 * login (`needsLogin`: token expired or revoked), a 重新登录 button beside it opens 设置 → 数据同步
 * with the login form filled in.
 */
export function StatusIndicator() {
  const local = useConnection();
  const { status } = useSyncStatus();

  if (local.state === 'service-error' || local.state === 'connecting') {
    const text = local.state === 'service-error' ? '本地服务异常' : '正在连接本地服务';
    return (
      <Tooltip title={local.error?.message ?? text}>
        <Flex align="center" gap={8} data-testid="connection-status" data-state={local.state} className="xt-status">
          <Badge status={local.state === 'service-error' ? 'error' : 'processing'} />
          <Typography.Text strong className="xt-status-text">
            {text}
          </Typography.Text>
        </Flex>
      </Tooltip>
    );
  }

  const state: SyncState = status?.state ?? 'disabled';
  const look = SYNC_LOOK[state];
  const line = status ? detail(status) : null;
  const indicator = (
    <Tooltip title={<span style={{ whiteSpace: 'pre-line' }}>{status ? tooltip(status) : '正在读取同步状态'}</span>}>
      <a href="#/settings" style={{ color: 'inherit' }}>
        <Flex
          align="center"
          gap={8}
          data-testid="connection-status"
          data-state={state}
          data-pending={status?.pending ?? 0}
          data-error={status?.error ? 'yes' : 'no'}
          data-needs-login={status?.needsLogin ? 'yes' : 'no'}
          className="xt-status"
        >
          <Badge status={status?.error && state !== 'online' ? 'error' : look.badge} />
          <Typography.Text strong className="xt-status-text" data-testid="sync-state">
            {look.text}
          </Typography.Text>
          {status?.error ? <WarningFilled style={{ color: '#faad14' }} data-testid="sync-error" /> : null}
          {line ? (
            <Typography.Text className="xt-status-sync" data-testid="sync-detail">
              {line}
            </Typography.Text>
          ) : null}
        </Flex>
      </a>
    </Tooltip>
  );
  if (!status?.needsLogin) return indicator;
  return (
    <Flex align="center" gap={12}>
      {indicator}
      <Button size="small" ghost href={RELOGIN_HASH} data-testid="sync-relogin">
        重新登录
      </Button>
    </Flex>
  );
}
