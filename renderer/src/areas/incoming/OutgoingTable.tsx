import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { DocumentListRow } from '../../../../core/documents/view';
import { api } from '../../bridge';
import { outgoingHref } from './links';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useQuery } from '../../shared/useQuery';

const columns: TableColumnsType<DocumentListRow> = [
  { title: '文种', dataIndex: 'docKind', key: 'docKind', width: 90, render: (k: string) => <Tag color="red">{k}</Tag> },
  {
    title: '标题',
    dataIndex: 'title',
    key: 'title',
    render: (title: string, row) => (
      <>
        <Typography.Link href={outgoingHref(row.id)}>{title}</Typography.Link>
        {row.period ? <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>通报期间 {row.period.from} 至 {row.period.to}</Typography.Text> : null}
      </>
    ),
  },
  {
    title: '发文字号',
    key: 'docNumber',
    width: 200,
    render: (_: unknown, row) => (row.docNumber ? <>{row.docNumber}{row.numberLocal ? <Tag style={{ marginLeft: 6 }}>本地编号</Tag> : null}</> : '—'),
  },
  { title: '状态', dataIndex: 'status', key: 'status', width: 100, render: (s: string) => <Tag color={s === '已归档' || s === '已撤销' ? 'default' : 'blue'}>{s}</Tag> },
];

/** 发文: 公文 drafted here (documents.list), with where each stands in the workflow. */
export function OutgoingTable() {
  const { data, error, loading, reload } = useQuery('documents.list', () => api.documents.list({ offset: 0, limit: 500 }), { live: true });
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<DocumentListRow>
        data-testid="outgoing-table"
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={data ?? []}
        loading={loading}
        pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '暂无发文(点击“拟稿”起草公文,或在一屏通览中生成督查通报)' }}
      />
    </>
  );
}
