import { Button, Card, Collapse, Empty, Flex, List, Tag, Typography } from 'antd';
import type { SupervisionDetail } from '../../../../../core/ipc/supervision';
import type { Actor } from '../../../../../core/supervision/actor';
import type { UrgeLevel } from '../../../../../core/supervision/events';
import { URGE_LEVEL_LABEL } from '../../../../../core/supervision/notice';
import { formatTime } from '../../../shared/format';
import { useState } from 'react';
import { UrgeReplyModal } from '../actions/UrgeReplyModal';
import { URGE_COLOR } from '../labels';

const REMINDER_LABEL: Record<SupervisionDetail['reminders'][number]['kind'], string> = {
  due_soon: '临近完成时限',
  overdue: '已超过完成时限',
  acknowledge: '未按时签收',
  report: '未按期报送进展',
  milestone: '节点目标逾期',
};

/** One line per kind of reminder, naming the units (there can be dozens for a 各区 item). */
function groupReminders(reminders: SupervisionDetail['reminders']) {
  const groups = new Map<string, { level: UrgeLevel; label: string; units: string[]; text: string }>();
  for (const r of reminders) {
    const g = groups.get(r.kind) ?? { level: r.level, label: REMINDER_LABEL[r.kind], units: [], text: r.text };
    g.units.push(...r.units.filter((u) => !g.units.includes(u)));
    groups.set(r.kind, g);
  }
  return [...groups.entries()].map(([kind, g]) => ({ kind, ...g }));
}

/** 催办: the notices sent (with each unit's read status) and the system's automatic reminders. */
export function UrgeList({ detail, actor, onDone }: { detail: SupervisionDetail; actor: Actor; onDone: (d: SupervisionDetail) => void }) {
  const [answering, setAnswering] = useState<SupervisionDetail['urges'][number] | null>(null);
  const canRead = detail.actions.includes('urge_read');
  if (detail.urges.length === 0 && detail.reminders.length === 0) return null;
  const urges = [...detail.urges].reverse();
  return (
    <Card title={`催办(${detail.urges.length})`} style={{ marginBottom: 16 }}>
      {detail.reminders.length ? (
        <Flex vertical gap={4} style={{ marginBottom: 12 }} data-testid="auto-reminders">
          <Typography.Text type="secondary">系统提醒(按完成时限、签收和反馈周期自动生成):</Typography.Text>
          {groupReminders(detail.reminders).map((g) => (
            <div key={g.kind} data-testid="auto-reminder" data-kind={g.kind}>
              <Tag color={URGE_COLOR[g.level]}>{URGE_LEVEL_LABEL[g.level]}</Tag>
              {g.kind === 'overdue' || g.kind === 'due_soon' || g.kind === 'milestone'
                ? g.text
                : `${g.label}:${g.units.slice(0, 6).join('、')}${g.units.length > 6 ? `等${g.units.length}个单位` : ''}`}
            </div>
          ))}
        </Flex>
      ) : null}
      {urges.length === 0 ? (
        <Empty description="尚未发出催办通知" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          dataSource={urges}
          renderItem={(u) => (
            <List.Item
              key={u.eventId}
              data-testid="urge-entry"
              actions={
                canRead && u.units.includes(actor.unit) && !u.reads[actor.unit]
                  ? [
                      <Button key="read" size="small" type={u.level === 'red' ? 'primary' : 'default'} data-testid="read-urge" onClick={() => setAnswering(u)}>
                        {u.level === 'red' ? '书面回复' : '确认已阅'}
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={6} style={{ width: '100%' }}>
                <Flex gap={8} align="center" wrap>
                  <Tag color={URGE_COLOR[u.level]}>{URGE_LEVEL_LABEL[u.level]}</Tag>
                  <Typography.Text type="secondary">
                    {u.by.name}({u.by.unit}) · {formatTime(u.at)}
                  </Typography.Text>
                </Flex>
                <Flex gap={6} wrap>
                  {u.units.map((unit) => (
                    <Tag key={unit} color={u.reads[unit] ? 'success' : 'default'} data-testid="urge-read-status">
                      {unit}:{u.reads[unit] ? `已阅 ${formatTime(u.reads[unit]?.at)}` : '未阅'}
                    </Tag>
                  ))}
                </Flex>
                <Collapse size="small" items={[{ key: 'text', label: '通知内容', children: <div className="xt-plain-text">{u.text}</div> }]} />
                {u.replies.map((r) => (
                  <div key={r.eventId} data-testid="urge-reply-entry" className="xt-plain-text">
                    <Typography.Text strong>{r.unit}情况说明</Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}
                      {r.by.name} · {formatTime(r.at)}
                    </Typography.Text>
                    <div>{r.text}</div>
                  </div>
                ))}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {answering ? <UrgeReplyModal detail={detail} open urge={answering} unit={actor.unit} onDone={onDone} onClose={() => setAnswering(null)} /> : null}
    </Card>
  );
}
