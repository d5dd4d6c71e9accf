import { Card, Input, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import type { Unit } from '../../../../core/directory/model';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { unitKindLabel } from '../../shared/labels';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { matchesUnit } from './match';

const KIND_COLOR: Record<Unit['kind'], string> = { unit: 'blue', district: 'green', group: 'purple' };

const columns: TableColumnsType<Unit> = [
  { title: '单位名称', dataIndex: 'name', key: 'name' },
  {
    title: '类别',
    dataIndex: 'kind',
    key: 'kind',
    width: 100,
    render: (kind: Unit['kind']) => <Tag color={KIND_COLOR[kind]}>{unitKindLabel(kind)}</Tag>,
    filters: (['unit', 'district', 'group'] as const).map((k) => ({ text: unitKindLabel(k), value: k })),
    onFilter: (value, unit) => unit.kind === value,
  },
  { title: '别名', dataIndex: 'aliases', key: 'aliases', render: (aliases: string[]) => aliases.join('、') || '—' },
  {
    title: '牵头事项数',
    dataIndex: 'leadCount',
    key: 'leadCount',
    width: 120,
    align: 'right',
    sorter: (a, b) => a.leadCount - b.leadCount,
  },
  {
    title: '责任事项数',
    dataIndex: 'responsibleCount',
    key: 'responsibleCount',
    width: 120,
    align: 'right',
    sorter: (a, b) => a.responsibleCount - b.responsibleCount,
  },
];

/** 通讯录: the units named in the documents, with how many items each leads / is responsible for. */
export function DirectoryPage() {
  const { data, error, loading, reload } = useQuery('directory.list', () => api.directory.list(), { live: true });
  const [keyword, setKeyword] = useState('');
  const rows = useMemo(() => (data ?? []).filter((u) => matchesUnit(u, keyword)), [data, keyword]);

  return (
    <div>
      <PageHeader
        title="通讯录"
        sub={data ? `共 ${data.length} 个单位` : undefined}
        extra={<Input.Search placeholder="按单位名称或别名查找" allowClear onSearch={setKeyword} style={{ width: 280 }} />}
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Card>
        <Table<Unit>
          data-testid="directory-table"
          rowKey="name"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={loading}
          pagination={{ defaultPageSize: 50, hideOnSinglePage: true }}
        />
      </Card>
    </div>
  );
}
