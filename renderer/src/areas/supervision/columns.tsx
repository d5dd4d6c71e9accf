import { Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SupervisionRow } from '../../../../core/supervision/model';
import { buildHash } from '../../router/hash';
import { dateOrDash, formatTime, joinUnits } from '../../shared/format';
import { statusLabel } from '../../shared/labels';
import { PHASE_COLOR } from './labels';
import { LightTag } from './LightTag';
import type { ListQuery, SortKey } from './listQuery';
import { sectionSpans } from './sectionSpans';

export function StatusTags({ row }: { row: Pick<SupervisionRow, 'status' | 'conflict'> }) {
  return (
    <Flex gap={4} wrap>
      <Tag color={PHASE_COLOR[row.status]}>{statusLabel(row.status)}</Tag>
      {row.conflict ? (
        <Tooltip title="办理记录中有与他人同时进行的冲突操作,请查看详情">
          <Tag color="red">冲突</Tag>
        </Tooltip>
      ) : null}
    </Flex>
  );
}

/**
 * Columns of the 督办 list. Sort state is controlled by the URL; in document order the
 * section column merges consecutive rows so the page reads in groups.
 */
export function supervisionColumns(rows: readonly SupervisionRow[], lq: ListQuery): TableColumnsType<SupervisionRow> {
  const grouped = lq.sort === 'order';
  const spans = grouped ? sectionSpans(rows.map((r) => r.section)) : [];
  const order = (key: SortKey) => (lq.sort === key ? (lq.desc ? 'descend' : 'ascend') : null);

  return [
    {
      title: '所属部分',
      dataIndex: 'section',
      key: 'section',
      width: 100,
      className: 'xt-section-cell',
      onCell: (_row, index) => (grouped && index !== undefined ? { rowSpan: spans[index] ?? 1 } : {}),
      render: (section: string) => section || '—',
    },
    { title: '编号', dataIndex: 'code', key: 'order', width: 72, sorter: true, sortOrder: order('order'), render: (code: string) => code || '—' },
    {
      title: '事项',
      dataIndex: 'title',
      key: 'title',
      // No fixed width: the title takes what is left and wraps, so the list fits at 1440 px.
      render: (title: string, row) => <Typography.Link href={buildHash(['supervision', row.id])}>{title}</Typography.Link>,
    },
    { title: '牵头单位', dataIndex: 'lead', key: 'lead', width: 160, render: (lead: string[]) => joinUnits(lead) },
    {
      title: '责任单位',
      dataIndex: 'responsible',
      key: 'responsible',
      width: 140,
      ellipsis: { showTitle: false },
      render: (units: string[]) => (
        <Tooltip title={units.length ? joinUnits(units) : undefined} placement="topLeft">
          {joinUnits(units)}
        </Tooltip>
      ),
    },
    {
      title: '完成时限',
      dataIndex: 'deadline',
      key: 'deadline',
      width: 110,
      sorter: true,
      sortOrder: order('deadline'),
      render: (deadline: string | null, row) =>
        row.extendedDeadline ? (
          <Tooltip title={`原时限 ${dateOrDash(deadline)},已批准延期`}>
            <span>{row.extendedDeadline}(延)</span>
          </Tooltip>
        ) : (
          dateOrDash(deadline)
        ),
    },
    {
      title: '亮灯',
      key: 'light',
      width: 80,
      sorter: true,
      sortOrder: order('light'),
      render: (_: unknown, row) => <LightTag light={row.light} reasons={row.lightReasons} />,
    },
    {
      title: '进度',
      dataIndex: 'progress',
      key: 'progress',
      width: 90,
      render: (progress: number) => <Progress percent={progress} size="small" />,
    },
    { title: '状态', key: 'status', width: 100, render: (_: unknown, row) => <StatusTags row={row} /> },
    // Shown on wide screens only (≥ 1600 px); sorting by it stays in the sort menu of the URL.
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updated', width: 150, responsive: ['xxl'], sorter: true, sortOrder: order('updated'), render: formatTime },
  ];
}
