import { Card, Empty, Flex, Typography } from 'antd';
import { api } from '../../../bridge';
import { buildHash } from '../../../router/hash';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatTime } from '../../../shared/format';
import { useQuery } from '../../../shared/useQuery';

const FILTER = { status: 'in_progress', sort: 'updated', desc: true, offset: 0, limit: 8 } as const;

/** 办理中 items, most recently updated first. */
export function RecentItems() {
  const { data, error, reload } = useQuery('recent-in-progress', () => api.supervision.list(FILTER), { live: true });
  return (
    <Card
      title="办理中的督办事项"
      extra={<a href={buildHash(['supervision'], { status: 'in_progress', sort: 'updated', desc: '1' })}>更多</a>}
      style={{ marginBottom: 16 }}
    >
      <ErrorAlert error={error} onRetry={reload} />
      {data && data.rows.length === 0 ? <Empty description="暂无办理中的督办事项" image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      <Flex vertical gap={10}>
        {data?.rows.map((r) => (
          <Flex key={r.id} justify="space-between" gap={12}>
            <Typography.Link href={buildHash(['supervision', r.id])} ellipsis style={{ flex: 1, minWidth: 0 }}>
              {r.code ? `${r.code} ` : ''}
              {r.title}
            </Typography.Link>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {r.deadline ? `时限 ${r.deadline}` : `更新于 ${formatTime(r.updatedAt)}`}
            </Typography.Text>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
