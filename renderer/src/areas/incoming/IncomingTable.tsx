import { Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { IncomingRow } from '../../../../core/incoming/model';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { dateOrDash, formatTime } from '../../shared/format';
import { useQuery } from '../../shared/useQuery';

const columns: TableColumnsType<IncomingRow> = [
  { title: '发文字号', dataIndex: 'docNumber', key: 'docNumber', width: 200 },
  {
    title: '标题',
    dataIndex: 'title',
    key: 'title',
    render: (title: string, row) => <Typography.Link href={buildHash(['documents', row.id])}>{title}</Typography.Link>,
  },
  { title: '发文机关', dataIndex: 'issuer', key: 'issuer', width: 220 },
  { title: '成文日期', dataIndex: 'writtenDate', key: 'writtenDate', width: 120, render: dateOrDash },
  { title: '收文时间', dataIndex: 'receivedAt', key: 'receivedAt', width: 160, render: formatTime },
];

/** 收文 register (incoming.list). */
export function IncomingTable({ compact = false }: { compact?: boolean }) {
  const { data, error, loading, reload } = useQuery('incoming.list', () => api.incoming.list(), { live: true });
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<IncomingRow>
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
