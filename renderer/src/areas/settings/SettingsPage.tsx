import { Card, Descriptions, Space } from 'antd';
import { api, hostKind } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { IdentityCard } from './IdentityCard';
import { SupervisionSettings } from './SupervisionSettings';
import { SyncSettings } from './SyncSettings';

const SHELL_LABEL = { electron: '桌面客户端(Electron)', web: '浏览器' } as const;

/** 设置: what this installation is and where its data lives. */
export function SettingsPage() {
  const { data: info, error, loading, reload } = useQuery('app.info', () => api.app.info(), { live: true });
  return (
    <div>
      <PageHeader title="设置" />
      <ErrorAlert error={error} onRetry={reload} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <IdentityCard />
        <Card title="系统信息" loading={loading && !info}>
          <Descriptions
            column={1}
            bordered
            size="middle"
            styles={{ label: { width: 160 } }}
            items={[
              { key: 'version', label: '版本', children: info?.version ?? '—' },
              { key: 'dataDir', label: '数据目录', children: info ? <code data-testid="data-dir">{info.dataDir}</code> : '—' },
              { key: 'records', label: '记录数', children: info ? `${info.records} 条` : '—' },
              { key: 'shell', label: '运行方式', children: SHELL_LABEL[info?.shell ?? hostKind] },
            ]}
          />
        </Card>
        <SupervisionSettings />
        <SyncSettings />
      </Space>
    </div>
  );
}
