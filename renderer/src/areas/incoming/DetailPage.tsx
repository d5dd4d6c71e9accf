import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Divider, Skeleton, Typography } from 'antd';
import type { IncomingDetail } from '../../../../core/incoming/model';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { dateOrDash, formatTime, joinUnits } from '../../shared/format';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { useSession } from '../settings/sessionStore';
import { IncomingWorkflowPanel } from './IncomingWorkflowPanel';

/** 收文 detail: its workflow (办理流程), the document's metadata (版头、版记) and its full text. */
export function IncomingDetailPage({ id }: { id: string }) {
  const { info } = useSession();
  const who = info?.current.login ?? '';
  const live = { live: (ids: readonly string[]) => ids.length === 0 || ids.includes(id) };
  const { data, error, reload } = useQuery(id, () => api.incoming.get({ id }), live);
  const flow = useQuery(`flow:${id}:${who}`, () => api.incoming.workflow({ id }), live);
  return (
    <div>
      <PageHeader
        title={data?.title ?? '收文'}
        extra={
          <Button icon={<ArrowLeftOutlined />} href="#/documents">
            返回收文列表
          </Button>
        }
      />
      <ErrorAlert error={error} onRetry={reload} />
      {flow.data ? (
        <div style={{ marginBottom: 16 }}>
          <IncomingWorkflowPanel
            flow={flow.data}
            onChange={(w) => {
              flow.setData(w);
              reload();
            }}
          />
        </div>
      ) : null}
      {data ? <IncomingView doc={data} /> : error ? null : <Skeleton active />}
    </div>
  );
}

function IncomingView({ doc }: { doc: IncomingDetail }) {
  return (
    <Card>
      <Descriptions
        bordered
        size="middle"
        column={2}
        items={[
          { key: 'issuer', label: '发文机关', children: doc.issuer || '—' },
          { key: 'docNumber', label: '发文字号', children: <span data-testid="doc-number">{doc.docNumber || '—'}</span> },
          { key: 'writtenDate', label: '成文日期', children: dateOrDash(doc.writtenDate) },
          { key: 'issuedDate', label: '印发日期', children: dateOrDash(doc.issuedDate) },
          { key: 'main', label: '主送', span: 2, children: joinUnits(doc.mainRecipients) },
          { key: 'cc', label: '抄送', span: 2, children: joinUnits(doc.ccRecipients) },
          { key: 'publicity', label: '公开属性', children: doc.publicity || '—' },
          { key: 'receivedAt', label: '收文时间', children: formatTime(doc.receivedAt) },
          {
            key: 'linked',
            label: '关联督办',
            span: 2,
            children: (
              // The list has no "by source" filter yet, so this opens the whole 督办 list.
              <Typography.Link href="#/supervision" data-testid="linked-items">
                关联督办事项 {doc.linkedItems} 项
              </Typography.Link>
            ),
          },
        ]}
      />
      <Divider titlePlacement="start">正文</Divider>
      <div className="xt-doc-body" data-testid="doc-body">
        {doc.body || '(无正文)'}
      </div>
    </Card>
  );
}
