import { App, Button, Card, Checkbox, Divider, Empty, Flex, Input, List, Select, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
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

/** Kinds in the order their most urgent entry appears (the list comes most urgent first). */
function groupsOf(todo: readonly TodoView[]): Array<{ kind: string; label: string; entries: TodoView[] }> {
  const groups = new Map<string, { kind: string; label: string; entries: TodoView[] }>();
  for (const t of todo) {
    const g = groups.get(t.kind) ?? { kind: t.kind, label: t.label, entries: [] };
    g.entries.push(t);
    groups.set(t.kind, g);
  }
  return [...groups.values()];
}


function TodoRow({ t, selectable, selected, onSelect }: { t: TodoView; selectable: boolean; selected: boolean; onSelect: (on: boolean) => void }) {
  return (
    <List.Item key={`${t.kind}:${t.item.id}:${t.ref}`} data-testid="todo-entry" data-kind={t.kind} data-urgency={t.urgency}>
      <Flex gap={8} align="center" style={{ width: '100%' }}>
        {selectable ? <Checkbox checked={selected} onChange={(e) => onSelect(e.target.checked)} data-testid="todo-select" aria-label="选择签收" /> : null}
        <Tag color={t.urgency >= 3 ? 'red' : (TODO_COLOR[t.kind] ?? 'default')}>{t.label}</Tag>
        <ItemLink item={t.item} />
        <LightTag light={t.item.light} reasons={[]} />
        <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
          {t.due ? `时限 ${t.due}` : `自 ${t.since}`}
        </Typography.Text>
      </Flex>
    </List.Item>
  );
}

/** 待办: most urgent first, grouped by kind, filterable by kind and words; 签收 entries can be signed together. */
function TodoList({ todo, onChanged }: { todo: readonly TodoView[]; onChanged: () => void }) {
  const [kind, setKind] = useState<string>('all');
  const [words, setWords] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [signing, setSigning] = useState(false);
  const { message, modal } = App.useApp();
  if (todo.length === 0) return <Empty description="暂无待办事项" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  const all = groupsOf(todo);
  const w = words.trim();
  const shown = todo.filter((t) => (kind === 'all' || t.kind === kind) && (!w || `${t.item.code} ${t.item.title}`.includes(w)));
  const toSign = [...selected].filter((id) => todo.some((t) => t.kind === 'acknowledge' && t.item.id === id));
  const select = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const signAll = () =>
    modal.confirm({
      title: `确认签收选中的 ${toSign.length} 个事项?`,
      content: '每个事项将以本人数字证书分别签名签收。',
      okText: '签收',
      cancelText: '取消',
      onOk: async () => {
        setSigning(true);
        const result = await api.supervision.acknowledgeMany({ ids: toSign });
        setSigning(false);
        if (!result.ok) return void message.error(result.error.message);
        const { acknowledged, failed } = result.value;
        if (acknowledged.length) message.success(`已签收 ${acknowledged.length} 个事项`);
        for (const f of failed) message.warning(f.message);
        setSelected(new Set());
        onChanged();
      },
    });
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap align="center" data-testid="todo-filters">
        <Select
          value={kind}
          onChange={setKind}
          style={{ minWidth: 180 }}
          data-testid="todo-kind"
          options={[{ value: 'all', label: `全部(${todo.length})` }, ...all.map((g) => ({ value: g.kind, label: `${g.label}(${g.entries.length})` }))]}
        />
        <Input.Search allowClear placeholder="按编号或事项筛选" style={{ width: 220 }} onChange={(e) => setWords(e.target.value)} data-testid="todo-words" />
        {toSign.length > 0 ? (
          <Button type="primary" loading={signing} onClick={signAll} data-testid="todo-sign-selected">
            批量签收({toSign.length})
          </Button>
        ) : null}
      </Flex>
      <div data-testid="todo-list">
        {groupsOf(shown).map((g) => (
          <div key={g.kind} data-testid="todo-group" data-kind={g.kind}>
            <Divider titlePlacement="start" plain style={{ margin: '8px 0' }}>
              {g.label}({g.entries.length})
            </Divider>
            <List
              size="small"
              dataSource={g.entries}
              renderItem={(t) => <TodoRow t={t} selectable={t.kind === 'acknowledge'} selected={selected.has(t.item.id)} onSelect={(on) => select(t.item.id, on)} />}
            />
          </div>
        ))}
        {shown.length === 0 ? <Empty description="没有符合条件的待办" image={Empty.PRESENTED_IMAGE_SIMPLE} /> : null}
      </div>
    </Flex>
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
          { key: 'todo', label: `待办${data ? `(${data.todo.length})` : ''}`, children: <TodoList todo={data?.todo ?? []} onChanged={reload} /> },
          { key: 'done', label: `已办${data ? `(${data.done.length})` : ''}`, children: <DoneList done={data?.done ?? []} /> },
        ]}
      />
    </Card>
  );
}
