import { Badge, Flex, Tooltip, Typography } from 'antd';
import type { BadgeProps } from 'antd';
import { useConnection, type ConnectionState } from './useConnection';

const LOOK: Record<ConnectionState, { text: string; badge: BadgeProps['status'] }> = {
  connecting: { text: '正在连接本地服务', badge: 'processing' },
  online: { text: '在线', badge: 'success' },
  offline: { text: '离线', badge: 'default' },
  'service-error': { text: '本地服务异常', badge: 'error' },
};

/** 在线/离线 and whether the local service answers; the sync state is said plainly. */
export function StatusIndicator() {
  const { state, info, error } = useConnection();
  const look = LOOK[state];
  let sync: string | null = null;
  if (info) sync = info.syncServer ? `同步服务器:${info.syncServer}` : '未配置同步服务器,数据保存在本机';
  const tip = error ? error.message : state === 'offline' ? '网络已断开,可继续办理,数据保存在本机' : sync;

  return (
    <Tooltip title={tip}>
      <Flex align="center" gap={8} data-testid="connection-status" data-state={state} className="xt-status">
        <Badge status={look.badge} />
        <Typography.Text strong className="xt-status-text">
          {look.text}
        </Typography.Text>
        {sync && state !== 'service-error' ? <Typography.Text className="xt-status-sync">{sync}</Typography.Text> : null}
      </Flex>
    </Tooltip>
  );
}
