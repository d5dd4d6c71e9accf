import { Card, Empty, Flex, List, Tag, Typography } from 'antd';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useQuery } from '../../shared/useQuery';
import { useSession } from '../settings/sessionStore';

/** 工作台: the current identity's 提案建议 待办 (the kernel's shared 待办, this area's entries), most urgent first. */
export function ProposalTodoCard() {
  const { info } = useSession();
  const { data, error, reload } = useQuery(`proposal-todo:${info?.current.login ?? ''}`, () => api.todo.list({}), { live: true });
  const mine = (data ?? []).filter((t) => t.recordKind === 'proposal');
  return (
    <Card title="提案建议待办" size="small" extra={<a href={buildHash(['proposals'])}>全部建议提案</a>} data-testid="proposal-todo-card">
      <ErrorAlert error={error} onRetry={reload} />
      {mine.length === 0 ? (
        <Empty description="暂无建议提案待办" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          size="small"
          dataSource={mine.slice(0, 8)}
          renderItem={(t) => (
            <List.Item key={`${t.id}:${t.kind}:${t.ref}`}>
              <Flex gap={8} align="center" style={{ width: '100%' }}>
                <Tag color={t.urgency > 1 ? 'red' : 'blue'}>{t.label.split(':')[0]}</Tag>
                <Typography.Link href={buildHash(['proposals', t.id])} ellipsis style={{ flex: 1, minWidth: 0 }}>
                  {t.title}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                  {t.due ? `时限 ${t.due}` : ''}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
