import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { SupervisionRow } from '../../../../core/supervision/model';
import { buildHash } from '../../router/hash';
import { dateOrDash, formatTime, joinUnits } from '../../shared/format';
import { statusColor, statusLabel } from '../../shared/labels';
import type { ListQuery, SortKey } from './listQuery';
import { sectionSpans } from './sectionSpans';

export function StatusTags({ row }: { row: Pick<SupervisionRow, 'status' | 'conflict'> }) {
  return (
    <Flex gap={4} wrap>
      <Tag color={statusColor(row.status)}>{statusLabel(row.status)}</Tag>
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
      width: 120,
      className: 'xt-section-cell',
      onCell: (_row, index) => (grouped && index !== undefined ? { rowSpan: spans[index] ?? 1 } : {}),
      render: (section: string) => section || '—',
    },
    { title: '编号', dataIndex: 'code', key: 'order', width: 80, sorter: true, sortOrder: order('order'), render: (code: string) => code || '—' },
    {
      title: '事项',
      dataIndex: 'title',
      key: 'title',
      render: (title: string, row) => <Typography.Link href={buildHash(['supervision', row.id])}>{title}</Typography.Link>,
    },
    { title: '牵头单位', dataIndex: 'lead', key: 'lead', width: 190, render: (lead: string[]) => joinUnits(lead) },
    {
      title: '责任单位',
      dataIndex: 'responsible',
      key: 'responsible',
      width: 150,
      ellipsis: { showTitle: false },
      render: (units: string[]) => (
        <Tooltip title={units.length ? joinUnits(units) : undefined} placement="topLeft">
          {joinUnits(units)}
        </Tooltip>
      ),
    },
    { title: '完成时限', dataIndex: 'deadline', key: 'deadline', width: 105, sorter: true, sortOrder: order('deadline'), render: dateOrDash },
    { title: '状态', key: 'status', width: 110, render: (_: unknown, row) => <StatusTags row={row} /> },
    { title: '更新时间', dataIndex: 'updatedAt', key: 'updated', width: 150, sorter: true, sortOrder: order('updated'), render: formatTime },
  ];
}
