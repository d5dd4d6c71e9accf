import { Card, Empty, Timeline, Typography } from 'antd';
import type { TimelineItemProps } from 'antd';
import type { HistoryEntry } from '../../../../core/ipc/supervision';
import { actorLabel } from '../../../../core/supervision/actor';
import { supervisionArea } from '../../../../core/supervision/area';
import { AttachmentList, attachmentItem, type AttachmentItem } from '../../../../core/supervision/attachments';
import { signatureLabel } from '../../../../core/supervision/signature-status';
import { formatTime } from '../../shared/format';
import { AttachmentLinks } from './attachments/AttachmentLinks';
import { historyLabel } from './labels';

/** The words of an event worth showing in the history: who it concerns and what was said. */
function summaryOf(entry: HistoryEntry): string | null {
  const p = entry.event.payload as Record<string, unknown>;
  const str = (k: string) => (typeof p[k] === 'string' && (p[k] as string).trim() ? (p[k] as string) : null);
  if (entry.event.type === 'assign' && Array.isArray(p.assignments)) {
    const units = (p.assignments as Array<{ unit?: unknown }>).map((a) => String(a.unit ?? '')).filter(Boolean);
    return [`交办至 ${units.join('、')}`, str('note')].filter(Boolean).join(';');
  }
  if (entry.event.type === 'report') return `${str('unit') ?? ''}:${str('text') ?? ''}(${String(p.percent ?? '')}%)`;
  if (entry.event.type === 'urge' && Array.isArray(p.units)) return `催办 ${(p.units as unknown[]).map(String).join('、')}`;
  if (entry.event.type === 'extension_request') return `申请延期至 ${str('deadline') ?? ''}:${str('reason') ?? ''}`;
  if (entry.event.type === 'extension_decision') return `${p.approve ? '同意' : '不同意'}${str('opinion') ? `:${str('opinion')}` : ''}`;
  if (entry.event.type === 'completion_review') return `${p.accept ? '通过' : '退回'}${str('opinion') ? `:${str('opinion')}` : ''}`;
  if (entry.event.type === 'edit' && Array.isArray(p.fields)) {
    const names = (p.fields as unknown[]).map((f) => supervisionArea.fieldLabels?.[String(f)] ?? String(f));
    return `修改了${names.join('、')}`;
  }
  if (entry.event.type === 'evaluate') return `${str('unit') ?? ''} ${String(p.score ?? '')} 分${str('comment') ? `:${str('comment')}` : ''}`;
  return str('opinion') ?? str('summary') ?? str('note') ?? (entry.event.type === 'acknowledge' ? str('unit') : null);
}

/** Files named by a 进展反馈 or 办结申请 (refs, or bare names in old logs); none if unreadable. */
function attachmentsOf(entry: HistoryEntry): AttachmentItem[] {
  if (entry.event.type !== 'report' && entry.event.type !== 'completion_request') return [];
  const parsed = AttachmentList.safeParse((entry.event.payload as Record<string, unknown>).attachments);
  return parsed.success ? parsed.data.map(attachmentItem) : [];
}

/** The signature verdict, in plain words; red when the signature is broken, forged or revoked. */
function SignatureLine({ entry }: { entry: HistoryEntry }) {
  const s = entry.signature;
  if (!s) return null;
  const bad = s.status === 'invalid' || s.status === 'untrusted';
  return (
    <div>
      <Typography.Text
        type={bad ? 'danger' : 'secondary'}
        data-testid="history-signature"
        data-status={s.status}
        title={s.message ?? s.code ?? undefined}
        style={{ fontSize: 12 }}
      >
        {signatureLabel(s)}
        {bad && s.message ? `:${s.message}` : ''}
      </Typography.Text>
    </div>
  );
}

function item(entry: HistoryEntry, recordId: string | undefined): TimelineItemProps {
  const summary = summaryOf(entry);
  const by = entry.event.by ? actorLabel(entry.event.by) : entry.event.actor || '未知用户';
  return {
    key: entry.event.id,
    color: entry.conflict || entry.signature?.status === 'invalid' || entry.signature?.status === 'untrusted' ? 'red' : entry.applied ? 'blue' : 'gray',
    title: formatTime(entry.event.at),
    content: (
      <div data-testid="history-entry" data-type={entry.event.type} data-conflict={entry.conflict ? 'true' : undefined}>
        <Typography.Text strong>{historyLabel(entry.event.type)}</Typography.Text>
        <Typography.Text type="secondary" style={{ marginInlineStart: 12 }}>
          {by}
        </Typography.Text>
        {summary ? <div className="xt-plain-text">{summary}</div> : null}
        {recordId ? <AttachmentLinks items={attachmentsOf(entry)} /> : null}
        {entry.note ? <Typography.Text type="secondary">{entry.note}</Typography.Text> : null}
        <SignatureLine entry={entry} />
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

/**
 * 办理记录: every event in log order; conflicting ones are shown with the reason, not hidden.
 * With `recordId`, attached files can be downloaded from the entry that named them.
 */
export function History({ history, recordId }: { history: readonly HistoryEntry[]; recordId?: string }) {
  return (
    <Card title="办理记录">
      {history.length ? <Timeline titleSpan="140px" items={history.map((e) => item(e, recordId))} /> : <Empty description="暂无办理记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
    </Card>
  );
}
