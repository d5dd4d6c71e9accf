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
import { useQuery } from '../../shared/useQuery';
import { downloadBase64 } from '../../shared/download';
import { BodyEditor } from '../../editor';

/** 发文 detail: a 公文 record (e.g. a generated 通报), its text, and the GB/T 9704 export from the record. */
export function OutgoingDetailPage({ id }: { id: string }) {
  const { data, error, reload } = useQuery(id, () => api.documents.get({ id }), { live: (ids) => ids.includes(id) });
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
      {data ? <OutgoingView doc={data} /> : error ? null : <Skeleton active />}
    </div>
  );
}

function OutgoingView({ doc }: { doc: DocumentDetail }) {
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
        <Tag>草稿</Tag>
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
          { key: 'docNumber', label: '发文字号', children: <span data-testid="doc-number">{doc.docNumber || '(待登记)'}</span> },
          { key: 'writtenDate', label: '成文日期', children: dateOrDash(doc.writtenDate) },
          { key: 'period', label: '通报期间', children: doc.period ? `${doc.period.from} 至 ${doc.period.to}` : '—' },
          { key: 'main', label: '主送', span: 2, children: joinUnits(doc.mainRecipients) },
          { key: 'cc', label: '抄送', span: 2, children: joinUnits(doc.ccRecipients) },
          { key: 'createdAt', label: '生成时间', children: formatTime(doc.createdAt) },
        ]}
      />
      <Divider titlePlacement="start">正文</Divider>
      <div className="xt-doc-body" data-testid="doc-body">
        <BodyEditor recordId={doc.id} />
      </div>
    </Card>
  );
}
