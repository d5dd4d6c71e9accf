import { Button, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import type { BodyStep, Markup } from '../../../core/ipc/editor';
import { signatureLabel } from '../../../core/kernel/signature-status';
import { authorColor } from '../../../core/records/body-authors';
import { api } from '../bridge';
import { ErrorAlert } from '../shared/ErrorAlert';
import { useQuery } from '../shared/useQuery';

const CURRENT = '__current__';
const EMPTY = '__empty__';

/** 花脸稿: the body's changes between two workflow steps, each person's in their colour, with name and time. */
export function MarkupModal({ recordId, onClose }: { recordId: string; onClose: () => void }) {
  const steps = useQuery(`steps:${recordId}`, () => api.editor.steps({ id: recordId }));
  const list = steps.data ?? [];
  const [from, setFrom] = useState<string>(EMPTY);
  const [to, setTo] = useState<string>(CURRENT);
  const markup = useQuery(`markup:${recordId}:${from}:${to}`, () =>
    api.editor.compare({ id: recordId, from: from === EMPTY ? null : from, to: to === CURRENT ? null : to }),
  );
  const options = list.map((s) => ({ value: s.eventId, label: `${s.label} · ${s.actor.name} · ${s.at.slice(0, 16).replace('T', ' ')}` }));
  return (
    <Modal open title="花脸稿" width={860} footer={null} onCancel={onClose}>
      <Space wrap style={{ marginBottom: 12 }}>
        从
        <Select data-testid="markup-from" style={{ width: 300 }} value={from} onChange={setFrom} options={[{ value: EMPTY, label: '(空白)' }, ...options]} />
        到
        <Select data-testid="markup-to" style={{ width: 300 }} value={to} onChange={setTo} options={[...options, { value: CURRENT, label: '当前正文' }]} />
      </Space>
      {to !== CURRENT && <StepCheck recordId={recordId} step={list.find((s) => s.eventId === to)} />}
      {markup.error && <ErrorAlert error={markup.error} />}
      <MarkupView markup={markup.data ?? []} />
    </Modal>
  );
}

/**
 * What the later step recorded: its 清稿 read from the stored state, checked against the hash its
 * signed event names (for a 签发: what the leader signed), with the signature's verdict.
 */
function StepCheck({ recordId, step }: { recordId: string; step: BodyStep | undefined }) {
  const [shown, setShown] = useState(false);
  const check = useQuery(`step-text:${recordId}:${step?.eventId ?? ''}`, () => api.editor.stepText({ id: recordId, step: step!.eventId }), { enabled: step !== undefined });
  if (!step) return null;
  if (check.error) return <ErrorAlert error={check.error} />;
  const c = check.data;
  if (!c) return null;
  const ok = c.matches && c.signature.status === 'valid';
  return (
    <div style={{ marginBottom: 12 }} data-testid="step-check">
      <Space wrap>
        <Tag color={ok ? 'green' : 'red'}>{c.matches ? `清稿与${step.label}时一致` : `清稿与${step.label}时所签不一致`}</Tag>
        <Tag color={c.signature.status === 'valid' ? 'green' : 'orange'}>{signatureLabel(c.signature)}</Tag>
        <span title={c.sm3}>SM3 {c.sm3.slice(0, 16)}…</span>
        <Button size="small" type="link" onClick={() => setShown(!shown)} data-testid="step-clean-toggle">
          {shown ? '收起清稿' : '查看清稿'}
        </Button>
      </Space>
      {shown && (
        <div className="xt-markup" data-testid="step-clean-text" style={{ whiteSpace: 'pre-wrap', marginTop: 8, maxHeight: 320, overflow: 'auto' }}>
          {c.text}
        </div>
      )}
    </div>
  );
}

export function MarkupView({ markup }: { markup: Markup }) {
  const people = new Map<string, string>();
  for (const b of markup) for (const s of b.segments) if (s.change?.author) people.set(s.change.author.login, s.change.author.name);
  return (
    <div className="xt-markup" data-testid="markup-view">
      <Space wrap style={{ marginBottom: 8 }}>
        {[...people].map(([login, name]) => (
          <Tag key={login} color={authorColor(login)}>
            {name}
          </Tag>
        ))}
      </Space>
      {markup.map((b, i) => (
        <p key={i} style={b.level === 1 ? { fontWeight: 600 } : undefined}>
          {b.segments.map((s, j) => {
            if (!s.change) return <span key={j}>{s.text}</span>;
            const title = `${s.change.author?.name ?? '未知'} ${s.change.kind === 'ins' ? '插入' : '删除'}${s.change.suggested ? '(修订)' : ''} ${s.change.at?.slice(0, 16).replace('T', ' ') ?? ''}`;
            const style = { color: authorColor(s.change.author?.login ?? '') };
            return s.change.kind === 'ins' ? (
              <ins key={j} style={style} title={title}>
                {s.text}
              </ins>
            ) : (
              <del key={j} style={style} title={title}>
                {s.text}
              </del>
            );
          })}
        </p>
      ))}
    </div>
  );
}
