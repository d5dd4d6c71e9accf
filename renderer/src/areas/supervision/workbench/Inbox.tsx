import { Card, Empty, Flex, List, Tabs, Tag, Typography } from 'antd';
import type { DoneView, TodoView } from '../../../../../core/ipc/supervision';
import { actorLabel, ROLE_LABEL } from '../../../../../core/supervision/actor';
import { api } from '../../../bridge';
import { buildHash } from '../../../router/hash';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { formatTime } from '../../../shared/format';
import { useQuery } from '../../../shared/useQuery';
import { useSession } from '../../settings/sessionStore';
import { LightTag } from '../LightTag';

const TODO_COLOR: Record<string, string> = {
  overdue: 'red',
  urge: 'volcano',
  report_returned: 'orange',
  completion_returned: 'orange',
  acknowledge: 'blue',
  report: 'geekblue',
  review: 'purple',
  extension: 'purple',
};

function ItemLink({ item }: { item: TodoView['item'] }) {
  return (
    <Typography.Link href={buildHash(['supervision', item.id])} ellipsis style={{ flex: 1, minWidth: 0 }}>
      {item.code ? `${item.code} ` : ''}
      {item.title}
    </Typography.Link>
  );
}

function TodoList({ todo }: { todo: readonly TodoView[] }) {
  if (todo.length === 0) return <Empty description="暂无待办事项" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      data-testid="todo-list"
      dataSource={todo}
      renderItem={(t) => (
        <List.Item key={`${t.kind}:${t.item.id}:${t.ref}`} data-testid="todo-entry" data-kind={t.kind}>
          <Flex gap={8} align="center" style={{ width: '100%' }}>
            <Tag color={TODO_COLOR[t.kind] ?? 'default'}>{t.label}</Tag>
            <ItemLink item={t.item} />
            <LightTag light={t.item.light} reasons={[]} />
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {t.due ? `时限 ${t.due}` : `自 ${t.since}`}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function DoneList({ done }: { done: readonly DoneView[] }) {
  if (done.length === 0) return <Empty description="暂无已办事项" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <List
      data-testid="done-list"
      dataSource={done}
      renderItem={(d) => (
        <List.Item key={`${d.type}:${d.item.id}:${d.at}`} data-testid="done-entry">
          <Flex gap={8} align="center" style={{ width: '100%' }}>
            <Tag>{d.label}</Tag>
            <ItemLink item={d.item} />
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {formatTime(d.at)}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

/** 待办 / 已办 of the current identity (督查室, leader or a unit's contact). */
export function Inbox() {
  const session = useSession();
  const actor = session.info?.current;
  const { data, error, reload } = useQuery(`inbox:${actor?.login ?? ''}`, () => api.supervision.inbox(), { live: true });
  return (
    <Card
      title="我的督办"
      extra={
        actor ? (
          <Typography.Text type="secondary" data-testid="workbench-identity">
            {actorLabel(actor)} · {ROLE_LABEL[actor.role]} <a href="#/settings">切换身份</a>
          </Typography.Text>
        ) : null
      }
      style={{ marginBottom: 16 }}
    >
      <ErrorAlert error={error} onRetry={reload} />
      <Tabs
        items={[
          { key: 'todo', label: `待办${data ? `(${data.todo.length})` : ''}`, children: <TodoList todo={data?.todo ?? []} /> },
          { key: 'done', label: `已办${data ? `(${data.done.length})` : ''}`, children: <DoneList done={data?.done ?? []} /> },
        ]}
      />
    </Card>
  );
}
