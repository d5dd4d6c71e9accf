import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useState } from 'react';
import type { SupervisionRow } from '../../../../core/supervision/model';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { navigate } from '../../router/useRoute';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { supervisionColumns } from './columns';
import { CreateModal } from './CreateModal';
import { rememberListHash } from './lastList';
import { Filters } from './Filters';
import { listQueryToFilter, listQueryToParams, PAGE_SIZES, parseListQuery, type ListQuery, type SortKey } from './listQuery';

const goTo = (lq: ListQuery) => navigate(buildHash(['supervision'], listQueryToParams(lq)), { replace: true });

/** 督查督办 list: filters in the URL, server-side sorting and paging. */
export function SupervisionListPage({ query }: { query: Record<string, string> }) {
  const lq = parseListQuery(query);
  const filter = listQueryToFilter(lq);
  const list = useQuery(JSON.stringify(filter), () => api.supervision.list(filter), { live: true });
  const facets = useQuery('supervision.facets', () => api.supervision.facets(), { live: true });
  const [creating, setCreating] = useState(false);
  const hash = buildHash(['supervision'], listQueryToParams(lq));
  useEffect(() => rememberListHash(hash), [hash]);
  const rows = list.data?.rows ?? [];

  const onTableChange: TableProps<SupervisionRow>['onChange'] = (pagination, _filters, sorter, extra) => {
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      const key = s?.order ? (s.columnKey as SortKey) : 'order';
      goTo({ ...lq, sort: key, desc: s?.order === 'descend', page: 1 });
    } else if (extra.action === 'paginate') {
      const pageSize = pagination.pageSize ?? lq.pageSize;
      goTo({ ...lq, page: pageSize === lq.pageSize ? (pagination.current ?? 1) : 1, pageSize });
    }
  };

  return (
    <div>
      <PageHeader
        title="督查督办"
        sub="重点工作督办事项,按文件顺序排列"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="create-button">
            新建督办事项
          </Button>
        }
      />
      <ErrorAlert
        error={list.error ?? facets.error}
        onRetry={() => {
          list.reload();
          facets.reload();
        }}
      />
      <Card>
        <Flex vertical gap={16}>
          <Filters value={lq} facets={facets.data} onChange={goTo} />
          <Typography.Text type="secondary" data-testid="supervision-total">
            {list.data ? `共 ${list.data.total} 项` : list.error ? '加载失败' : '正在加载…'}
          </Typography.Text>
          <div data-testid="supervision-table">
            <Table<SupervisionRow>
              rowKey="id"
              size="middle"
              bordered
              columns={supervisionColumns(rows, lq)}
              dataSource={rows}
              loading={list.loading}
              onChange={onTableChange}
              // Scrolls sideways only below ~1200 px; at 1440 px the columns fit and the titles wrap.
              scroll={{ x: 1000 }}
              locale={{ emptyText: list.error ? '加载失败' : '没有符合条件的督办事项' }}
              pagination={{
                current: lq.page,
                pageSize: lq.pageSize,
                total: list.data?.total ?? 0,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES.map(String),
                hideOnSinglePage: false,
              }}
            />
          </div>
        </Flex>
      </Card>
      <CreateModal
        open={creating}
        sections={facets.data?.sections.map((s) => s.value) ?? []}
        onClose={() => setCreating(false)}
        onCreated={(detail) => {
          setCreating(false);
          navigate(buildHash(['supervision', detail.id]));
        }}
      />
    </div>
  );
}
