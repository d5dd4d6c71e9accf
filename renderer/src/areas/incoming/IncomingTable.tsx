import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { IncomingListRow } from '../../../../core/incoming/view';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { dateOrDash, formatTime } from '../../shared/format';
import { useQuery } from '../../shared/useQuery';

const columns: TableColumnsType<IncomingListRow> = [
  { title: '发文字号', dataIndex: 'docNumber', key: 'docNumber', width: 200 },
  {
    title: '标题',
    dataIndex: 'title',
    key: 'title',
    render: (title: string, row) => <Typography.Link href={buildHash(['documents', row.id])}>{title}</Typography.Link>,
  },
  { title: '发文机关', dataIndex: 'issuer', key: 'issuer', width: 220 },
  { title: '收文号', dataIndex: 'receiptNo', key: 'receiptNo', width: 110, render: (v: string | null) => v ?? '—' },
  { title: '状态', dataIndex: 'status', key: 'status', width: 90, render: (s: string) => <Tag color={s === '待签收' ? 'orange' : s === '已归档' ? 'default' : 'blue'}>{s}</Tag> },
  { title: '办理时限', dataIndex: 'dueDate', key: 'dueDate', width: 110, render: dateOrDash },
  { title: '收文时间', dataIndex: 'receivedAt', key: 'receivedAt', width: 160, render: formatTime },
];

/** 收文 register (incoming.list). */
export function IncomingTable({ compact = false }: { compact?: boolean }) {
  const { data, error, loading, reload } = useQuery('incoming.list', () => api.incoming.list({ offset: 0, limit: 500 }), { live: true });
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<IncomingListRow>
        data-testid="incoming-table"
        rowKey="id"
        size={compact ? 'small' : 'middle'}
        columns={compact ? columns.filter((c) => c.key === 'docNumber' || c.key === 'title' || c.key === 'writtenDate') : columns}
        dataSource={data ?? []}
        loading={loading}
        pagination={{ defaultPageSize: compact ? 5 : 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无收文' }}
      />
    </>
  );
}
