import { Button, Card, Flex, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ProposalView } from '../../../../core/proposals/contract';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { SignaturePanel } from '../../shared/SignaturePanel';
import { DocumentWorkflowPanel } from '../incoming/DocumentWorkflowPanel';
import { useQuery } from '../../shared/useQuery';

/**
 * The 答复函 being drafted: a 公文 of kind 函. Its 正文 is edited here (records.update on the 公文,
 * whose own permission rule decides who may); it goes through the 公文 workflow (送审, 签发 by the
 * unit's leader, 编号, 用印) in the same panel as on the 发文 page; the 答复 is possible once its
 * 签发 and 用印 hold over the text as it is.
 */
export function ReplyLetter({ letter, onChanged }: { letter: NonNullable<ProposalView['draft']>; onChanged: () => void }) {
  const doc = useQuery(`letter:${letter.id}`, () => api.records.get({ id: letter.id }), { live: (ids) => ids.includes(letter.id) });
  const flow = useQuery(`letter-flow:${letter.id}`, () => api.documents.workflow({ id: letter.id }), { live: (ids) => ids.includes(letter.id) });
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const save = async () => {
    if (!doc.data || text === null) return;
    const r = await api.records.update({ id: letter.id, base: doc.data.fields, patch: {}, body: text });
    if (!r.ok) setError(r.error);
    else {
      setText(null);
      setError(null);
      doc.setData(r.value);
      onChanged();
    }
  };
  const signed = (kind: string) => letter.signatures.some((s) => s.kind === kind && s.valid);
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} align="center">
          答复函(函)
          <a href={buildHash(['documents', 'outgoing', letter.id])}>{letter.title}</a>
          <Tag color={signed('签发') ? 'green' : 'default'}>{signed('签发') ? '已签发' : '未签发'}</Tag>
          <Tag color={signed('用印') ? 'green' : 'default'}>{signed('用印') ? '已用印' : '未用印'}</Tag>
        </Flex>
      }
      data-testid="proposal-reply-letter"
    >
      <ErrorAlert error={error ?? doc.error} />
      {doc.data ? (
        <>
          <Input.TextArea rows={8} value={text ?? doc.data.body} onChange={(e) => setText(e.target.value)} disabled={!doc.data.canEdit} data-testid="reply-letter-body" />
          <Flex gap={8} style={{ margin: '8px 0 16px' }} align="center">
            <Button onClick={() => void save()} disabled={text === null} data-testid="reply-letter-save">
              保存正文
            </Button>
            <Typography.Text type="secondary">签发、用印后修改正文,签章将不再覆盖新版本,需重新签发、用印。</Typography.Text>
          </Flex>
        </>
      ) : null}
      {flow.data ? (
        <DocumentWorkflowPanel
          flow={flow.data}
          onChange={(w) => {
            flow.setData(w);
            doc.reload();
            onChanged();
          }}
        />
      ) : null}
      <SignaturePanel id={letter.id} />
    </Card>
  );
}
