import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Divider, Flex, Skeleton, Tag } from 'antd';
import { useState } from 'react';
import type { DocumentDetail } from '../../../../core/documents/model';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { dateOrDash, formatTime, joinUnits } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { SignaturePanel } from '../../shared/SignaturePanel';
import { useQuery } from '../../shared/useQuery';
import { downloadBase64 } from '../../shared/download';
import { useSession } from '../settings/sessionStore';
import { DocumentEditForm } from './DocumentEditForm';
import { DocumentWorkflowPanel } from './DocumentWorkflowPanel';
import { BodyEditor } from '../../editor';

/** 发文 detail: a 公文 record, its workflow (办文流程), the draft's form, its text, and the GB/T 9704 export from the record. */
export function OutgoingDetailPage({ id }: { id: string }) {
  const { info } = useSession();
  const who = info?.current.login ?? '';
  const live = { live: (ids: readonly string[]) => ids.length === 0 || ids.includes(id) };
  const { data, error, reload } = useQuery(`${id}:${who}`, () => api.documents.get({ id }), live);
  const flow = useQuery(`flow:${id}:${who}`, () => api.documents.workflow({ id }), live);
  const record = useQuery(`record:${id}:${who}`, () => api.records.get({ id }), live);
  const editable = record.data?.canEdit && flow.data && ['draft', 'review', 'countersign', 'issue', 'issued'].includes(flow.data.phase);
  return (
    <div>
      <PageHeader
        title={data?.title ?? '发文'}
        extra={
          <Button icon={<ArrowLeftOutlined />} href={buildHash(['documents', 'outgoing'])}>
            返回发文列表
          </Button>
        }
      />
      <ErrorAlert error={error} onRetry={reload} />
      {flow.data ? (
        <div style={{ marginBottom: 16 }}>
          <DocumentWorkflowPanel
            flow={flow.data}
            onChange={(w) => {
              flow.setData(w);
              reload();
              record.reload();
            }}
          />
        </div>
      ) : null}
      {editable && record.data && flow.data ? (
        <Card title="拟稿" style={{ marginBottom: 16 }}>
          <DocumentEditForm
            record={record.data}
            bodyMode={flow.data.bodyMode}
            onSaved={(r) => {
              record.setData(r);
              reload();
              flow.reload();
            }}
          />
        </Card>
      ) : null}
      {data ? <OutgoingView doc={data} phase={flow.data?.phaseLabel ?? ''} /> : error ? null : <Skeleton active />}
      {data ? (
        <div style={{ marginTop: 16 }}>
          <SignaturePanel id={id} />
        </div>
      ) : null}
    </div>
  );
}

function OutgoingView({ doc, phase }: { doc: DocumentDetail; phase: string }) {
  const [busy, setBusy] = useState<'pdf' | 'docx' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const exportAs = async (format: 'pdf' | 'docx') => {
    setBusy(format);
    setError(null);
    const result = await api.documents.export({ id: doc.id, format });
    setBusy(null);
    if (!result.ok) setError(result.error);
    else downloadBase64(result.value.base64, result.value.mime, result.value.fileName);
  };
  return (
    <Card data-testid="outgoing-detail">
      <Flex gap={8} style={{ marginBottom: 16 }} align="center" wrap>
        <Tag color="red">{doc.docKind}</Tag>
        {phase ? <Tag>{phase}</Tag> : null}
        <Button type="primary" data-testid="document-export-pdf" loading={busy === 'pdf'} onClick={() => void exportAs('pdf')}>
          导出 PDF
        </Button>
        <Button data-testid="document-export-docx" loading={busy === 'docx'} onClick={() => void exportAs('docx')}>
          导出 DOCX
        </Button>
      </Flex>
      {error ? <Alert style={{ marginBottom: 16 }} type="error" showIcon title={`导出失败:${error.message}`} /> : null}
      <Descriptions
        bordered
        size="middle"
        column={2}
        items={[
          { key: 'issuer', label: '发文机关', children: doc.issuer || '—' },
          { key: 'docNumber', label: '发文字号', children: <span data-testid="doc-number">{doc.docNumber || '(未编号)'}</span> },
          { key: 'writtenDate', label: '成文日期', children: dateOrDash(doc.writtenDate) },
          { key: 'period', label: '通报期间', children: doc.period ? `${doc.period.from} 至 ${doc.period.to}` : '—' },
          { key: 'main', label: '主送', span: 2, children: joinUnits(doc.mainRecipients) },
          { key: 'cc', label: '抄送', span: 2, children: joinUnits(doc.ccRecipients) },
          { key: 'createdAt', label: '生成时间', children: formatTime(doc.createdAt) },
        ]}
      />
      <Divider titlePlacement="start">正文</Divider>
      <div className="xt-doc-body" data-testid="doc-body">
        {/* Opened anew when the workflow moves on: 送审 turns on 修订, 编号/撤销/归档 make the body read-only. */}
        <BodyEditor key={`${doc.id}:${phase}`} recordId={doc.id} />
      </div>
    </Card>
  );
}
