import { Card, Descriptions, Flex, Progress, Tag, Typography } from 'antd';
import type { SupervisionDetail } from '../../../../core/ipc/contract';
import { SOURCE_KIND_LABEL } from '../../../../core/supervision/model';
import { buildHash } from '../../router/hash';
import { dateOrDash, formatTime, joinUnits } from '../../shared/format';
import { StatusTags } from './columns';
import { LightTag } from './LightTag';
import { BodyEditor } from '../../editor';

/** 完成时限 with the words it was read from, and an approved extension. */
function Deadline({ detail }: { detail: SupervisionDetail }) {
  return (
    <Flex gap={8} align="center" wrap>
      <span data-testid="deadline">{dateOrDash(detail.deadline)}</span>
      {detail.deadlinePhrase ? (
        <Typography.Text type="secondary" data-testid="deadline-phrase">
          (据原文“{detail.deadlinePhrase}”)
        </Typography.Text>
      ) : null}
      {detail.extendedDeadline ? <Tag color="blue">已批准延期至 {detail.extendedDeadline}</Tag> : null}
    </Flex>
  );
}

function Milestones({ detail }: { detail: SupervisionDetail }) {
  if (detail.milestones.length === 0) return <>—</>;
  return (
    <Flex vertical gap={2}>
      {detail.milestones.map((m) => (
        <span key={m.id}>
          {m.date} {m.title}
          {m.phrase ? <Typography.Text type="secondary">(“{m.phrase}”)</Typography.Text> : null}{' '}
          {m.reached ? <Tag color="success">已完成</Tag> : detail.today > m.date ? <Tag color="warning">逾期</Tag> : null}
        </span>
      ))}
    </Flex>
  );
}

function SourceLink({ detail }: { detail: SupervisionDetail }) {
  const { source } = detail;
  if (source) {
    return (
      <Typography.Link href={buildHash(['documents', source.id])} title={source.title} data-testid="source-link">
        收文 {source.docNumber || source.title}
      </Typography.Link>
    );
  }
  if (detail.sourceKind) return <>{`${SOURCE_KIND_LABEL[detail.sourceKind]}${detail.sourceLabel ? `:${detail.sourceLabel}` : ''}`}</>;
  return <>—</>;
}

/** Read-only view of a 督办事项 (or a 立项). */
export function DetailView({ detail }: { detail: SupervisionDetail }) {
  const project = detail.level === 'project';
  const parent = detail.parent ? (
    <Typography.Link href={buildHash(['supervision', detail.parent.id])} data-testid="parent-link">
      {detail.parent.title}
    </Typography.Link>
  ) : (
    '—'
  );
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
            { key: 'status', label: '办理状态', children: project ? '立项' : <StatusTags row={detail} /> },
            ...(project ? [] : [{ key: 'light', label: '亮灯', span: 2, children: <LightTag light={detail.light} reasons={detail.lightReasons} inline /> }]),
            { key: 'progress', label: '总体进度', span: 2, children: <Progress percent={detail.progress} style={{ maxWidth: 360 }} data-testid="progress" /> },
            { key: 'parent', label: detail.parent?.level === 'project' ? '所属立项' : '上级事项', span: 2, children: parent },
            {
              key: 'section',
              label: '所属部分',
              span: 2,
              children: [detail.section, detail.subsection].filter(Boolean).join(' / ') || '—',
            },
            ...(project
              ? []
              : [
                  { key: 'lead', label: '牵头单位', span: 2, children: joinUnits(detail.lead) },
                  { key: 'responsible', label: '责任单位', span: 2, children: joinUnits(detail.responsible) },
                  { key: 'deadline', label: '完成时限', span: 2, children: <Deadline detail={detail} /> },
                  { key: 'milestones', label: '节点目标', span: 2, children: <Milestones detail={detail} /> },
                ]),
            { key: 'source', label: '来源', children: <SourceLink detail={detail} /> },
            { key: 'createdAt', label: '登记时间', children: formatTime(detail.createdAt) },
          ]}
        />
      </Card>
      <Card title={project ? '立项说明' : '事项内容'} style={{ marginBottom: 16 }}>
        <div className="xt-plain-text" data-testid="detail-body">
          <BodyEditor recordId={detail.id} />
        </div>
      </Card>
      {project ? null : (
        <Card title="进展情况" style={{ marginBottom: 16 }}>
          <div className="xt-plain-text" data-testid="progress-note">
            {detail.progressNote || <Typography.Text type="secondary">暂未填写综合进展情况(各单位的进展反馈见下方)</Typography.Text>}
          </div>
        </Card>
      )}
    </>
  );
}
