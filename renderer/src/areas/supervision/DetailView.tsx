import { Card, Descriptions, Typography } from 'antd';
import type { SupervisionDetail } from '../../../../core/ipc/contract';
import { buildHash } from '../../router/hash';
import { dateOrDash, formatTime, joinUnits } from '../../shared/format';
import { StatusTags } from './columns';

/** Read-only view of a 督办事项. */
export function DetailView({ detail }: { detail: SupervisionDetail }) {
  return (
    <>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          size="middle"
          column={2}
          styles={{ label: { width: 120 } }}
          items={[
            { key: 'code', label: '编号', children: detail.code || '—' },
            { key: 'status', label: '办理状态', children: <StatusTags row={detail} /> },
            {
              key: 'section',
              label: '所属部分',
              span: 2,
              children: [detail.section, detail.subsection].filter(Boolean).join(' / ') || '—',
            },
            { key: 'lead', label: '牵头单位', span: 2, children: joinUnits(detail.lead) },
            { key: 'responsible', label: '责任单位', span: 2, children: joinUnits(detail.responsible) },
            { key: 'deadline', label: '完成时限', children: dateOrDash(detail.deadline) },
            { key: 'source', label: '来源', children: <SourceLink source={detail.source} /> },
            { key: 'createdAt', label: '登记时间', children: formatTime(detail.createdAt) },
            { key: 'updatedAt', label: '更新时间', children: formatTime(detail.updatedAt) },
          ]}
        />
      </Card>
      <Card title="事项内容" style={{ marginBottom: 16 }}>
        <div className="xt-plain-text" data-testid="detail-body">
          {detail.body || <Typography.Text type="secondary">(无正文)</Typography.Text>}
        </div>
      </Card>
      <Card title="进展情况" style={{ marginBottom: 16 }}>
        <div className="xt-plain-text" data-testid="progress-note">
          {detail.progressNote || <Typography.Text type="secondary">暂未填报进展情况</Typography.Text>}
        </div>
      </Card>
    </>
  );
}

function SourceLink({ source }: { source: SupervisionDetail['source'] }) {
  if (!source) return <>—</>;
  return (
    <Typography.Link href={buildHash(['documents', source.id])} title={source.title} data-testid="source-link">
      收文 {source.docNumber || source.title}
    </Typography.Link>
  );
}
