import { Card, Empty, Timeline, Typography } from 'antd';
import type { TimelineItemProps } from 'antd';
import type { SupervisionDetail } from '../../../../core/ipc/contract';
import { formatTime } from '../../shared/format';
import { eventLabel } from '../../shared/labels';

type Entry = SupervisionDetail['history'][number];

const noteOf = (entry: Entry): string | null => {
  const note = entry.event.payload.note;
  return typeof note === 'string' && note.trim() ? note : null;
};

function item(entry: Entry): TimelineItemProps {
  const note = noteOf(entry);
  return {
    key: entry.event.id,
    color: entry.conflict ? 'red' : entry.event.type === 'complete' ? 'green' : 'blue',
    title: formatTime(entry.event.at),
    content: (
      <div data-testid="history-entry" data-conflict={entry.conflict ? 'true' : undefined}>
        <Typography.Text strong>{eventLabel(entry.event.type)}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
          {entry.event.actor || '未知用户'}
        </Typography.Text>
        {note ? <div className="xt-plain-text">{note}</div> : null}
        {entry.conflict ? (
          <div>
            <Typography.Text type="danger" data-testid="history-conflict">
              {entry.conflict}
            </Typography.Text>
          </div>
        ) : null}
      </div>
    ),
  };
}

/** 办理记录: every workflow event in log order; conflicting ones are shown, not hidden. */
export function History({ history }: { history: SupervisionDetail['history'] }) {
  return (
    <Card title="办理记录">
      {history.length ? <Timeline titleSpan="140px" items={history.map(item)} /> : <Empty description="暂无办理记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </Card>
  );
}
