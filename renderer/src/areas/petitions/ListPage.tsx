import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag } from 'antd';
import type { PetitionRow } from '../../../../core/ipc/petitions';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { HotlineLimitsButton } from './HotlineLimitsButton';

const LIGHT_COLOR: Record<string, string> = { red: 'red', yellow: 'gold', green: 'green', none: 'default' };

/** 信访投诉: the cases this identity may see, petitioners masked (names are revealed per case, with a reason). */
export function PetitionsPage() {
  const { data, error, reload, loading } = useQuery('petitions', () => api.petitions.list({}), { live: true });
  return (
    <div>
      <PageHeader title="信访投诉" extra={<Space><HotlineLimitsButton /><Button type="primary" icon={<PlusOutlined />} href={buildHash(['petitions', 'new'])}>登记</Button></Space>} />
      <ErrorAlert error={error} onRetry={reload} />
      <Card>
        <Table<PetitionRow>
          rowKey="id"
          loading={loading}
          dataSource={data ?? []}
          pagination={{ pageSize: 50 }}
          columns={[
            { title: '信访人', dataIndex: 'petitioner', render: (v: string, r) => <a href={buildHash(['petitions', r.id])}>{v}</a> },
            { title: '来源渠道', dataIndex: 'channel' },
            { title: '类别', dataIndex: 'category' },
            { title: '状态', dataIndex: 'status' },
            { title: '期限', dataIndex: 'deadline', render: (v: string | null, r) => (v ? <Tag color={LIGHT_COLOR[r.light]}>{v}</Tag> : '—') },
          ]}
        />
      </Card>
    </div>
  );
}
