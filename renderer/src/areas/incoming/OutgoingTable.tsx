import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { DocumentRow } from '../../../../core/documents/model';
import { api } from '../../bridge';
import { outgoingHref } from './links';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { dateOrDash } from '../../shared/format';
import { useQuery } from '../../shared/useQuery';

const columns: TableColumnsType<DocumentRow> = [
  { title: '文种', dataIndex: 'docKind', key: 'docKind', width: 90, render: (k: string) => <Tag color="red">{k}</Tag> },
  {
    title: '标题',
    dataIndex: 'title',
    key: 'title',
    render: (title: string, row) => <Typography.Link href={outgoingHref(row.id)}>{title}</Typography.Link>,
  },
  { title: '文号', dataIndex: 'docNumber', key: 'docNumber', width: 180, render: (n: string) => n || <Typography.Text type="secondary">未编号</Typography.Text> },
  { title: '成文日期', dataIndex: 'writtenDate', key: 'writtenDate', width: 120, render: dateOrDash },
  {
    title: '通报期间',
    key: 'period',
    width: 220,
    render: (_: unknown, row) => (row.period ? `${row.period.from} 至 ${row.period.to}` : '—'),
  },
];

/** 发文: 公文 records drafted here (documents.list), e.g. the 通报 generated on 一屏通览. */
export function OutgoingTable() {
  const { data, error, loading, reload } = useQuery('documents.list', () => api.documents.list(), { live: true });
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<DocumentRow>
        data-testid="outgoing-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data ?? []}
        loading={loading}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无发文(可在一屏通览中生成督查通报)' }}
      />
    </>
  );
}
