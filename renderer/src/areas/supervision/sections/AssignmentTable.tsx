import { Card, Flex, Progress, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { AssignmentView, SupervisionDetail } from '../../../../../core/ipc/supervision';
import { ASSIGNMENT_ROLE_LABEL } from '../../../../../core/supervision/events';
import { formatTime } from '../../../shared/format';
import { cycleLabel } from '../labels';

const ROLE_COLOR = { lead: 'blue', responsible: 'geekblue', cooperating: 'default' } as const;

function Acknowledged({ a }: { a: AssignmentView }) {
  if (a.group) return <Typography.Text type="secondary">部门组,待展开</Typography.Text>;
  if (a.acknowledged) {
    return (
      <Tooltip title={`${a.acknowledged.by.name} ${formatTime(a.acknowledged.at)}`}>
        <Tag color="success" data-testid="ack-status" data-ack="yes">
          已签收
        </Tag>
      </Tooltip>
    );
  }
  return (
    <Flex vertical gap={2}>
      <Tag color={a.acknowledgeOverdue ? 'warning' : 'default'} data-testid="ack-status" data-ack="no">
        {a.acknowledgeOverdue ? '逾期未签收' : '待签收'}
      </Tag>
      {a.acknowledgeBy ? <Typography.Text type="secondary">时限 {a.acknowledgeBy}</Typography.Text> : null}
    </Flex>
  );
}

const columns: TableColumnsType<AssignmentView> = [
  {
    title: '单位',
    dataIndex: 'unit',
    key: 'unit',
    width: 170,
    render: (unit: string, a) => (
      <Flex gap={4} align="center" wrap>
        <Tag color={ROLE_COLOR[a.role]}>{ASSIGNMENT_ROLE_LABEL[a.role]}</Tag>
        {unit}
      </Flex>
    ),
  },
  { title: '联系人', key: 'contact', width: 120, render: (_: unknown, a) => [a.contact, a.phone].filter(Boolean).join(' ') || '—' },
  { title: '分工', dataIndex: 'part', key: 'part', render: (part: string) => part || '—' },
  { title: '签收', key: 'ack', width: 120, render: (_: unknown, a) => <Acknowledged a={a} /> },
  {
    title: '最新进展',
    key: 'report',
    render: (_: unknown, a) =>
      a.lastReport ? (
        <Flex vertical gap={2}>
          <Progress percent={a.percent} size="small" style={{ maxWidth: 180 }} />
          <Typography.Text ellipsis={{ tooltip: a.lastReport.text }} style={{ maxWidth: 260 }}>
            {a.lastReport.text}
          </Typography.Text>
          <Typography.Text type="secondary">{formatTime(a.lastReport.at)}</Typography.Text>
        </Flex>
      ) : (
        <Typography.Text type="secondary">暂无反馈</Typography.Text>
      ),
  },
  {
    title: '下次反馈',
    key: 'next',
    width: 120,
    render: (_: unknown, a) =>
      a.nextReportDue ? (
        <Flex vertical gap={2}>
          <span>{a.nextReportDue}</span>
          {a.reportOverdue ? <Tag color="warning">反馈逾期</Tag> : null}
        </Flex>
      ) : (
        '—'
      ),
  },
  {
    title: '评价',
    key: 'evaluation',
    width: 110,
    render: (_: unknown, a) =>
      a.evaluation ? (
        <Tooltip title={a.evaluation.comment || undefined}>
          <span>{a.evaluation.score} 分</span>
        </Tooltip>
      ) : (
        '—'
      ),
  },
];

/** The units' 签收, last report and percent: what 办结申请 and 审核 are decided on. */
const STATE_COLUMNS = columns.filter((c) => c.key === 'unit' || c.key === 'ack' || c.key === 'report');

export function UnitStateTable({ detail }: { detail: SupervisionDetail }) {
  return (
    <div data-testid="unit-states">
      <Table<AssignmentView> rowKey="unit" size="small" columns={STATE_COLUMNS} dataSource={detail.assignments.filter((a) => !a.group)} pagination={false} />
    </div>
  );
}

/** 承办单位: each assigned unit, its 签收 and its latest 进展反馈. */
export function AssignmentTable({ detail }: { detail: SupervisionDetail }) {
  if (detail.assignments.length === 0) return null;
  const extra = `签收时限 ${detail.acknowledgeDays ?? '—'} 个工作日 · 反馈周期 ${cycleLabel(detail.reportCycle)}`;
  return (
    <Card title="承办单位" extra={<Typography.Text type="secondary">{extra}</Typography.Text>} style={{ marginBottom: 16 }}>
      <div data-testid="assignment-table">
        <Table<AssignmentView> rowKey="unit" size="small" columns={columns} dataSource={detail.assignments} pagination={false} scroll={{ x: 1000 }} />
      </div>
    </Card>
  );
}
