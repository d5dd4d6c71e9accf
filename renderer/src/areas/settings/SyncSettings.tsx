import { App, Alert, Button, Card, Descriptions, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { SyncState } from '../../../../core/ipc/sync';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatTime } from '../../shared/format';
import { setSyncStatus, useSyncStatus } from '../../shell/syncStore';

const STATE_TAG: Record<SyncState, { text: string; color: string }> = {
  disabled: { text: '未配置', color: 'default' },
  offline: { text: '离线', color: 'warning' },
  connecting: { text: '连接中', color: 'processing' },
  syncing: { text: '同步中', color: 'processing' },
  online: { text: '在线', color: 'success' },
};

interface LoginForm {
  url: string;
  login: string;
  password: string;
}

/**
 * 设置 → 数据同步: the sync server and the login to it. Logging in keeps the token in this profile
 * and starts syncing in the background; 退出登录 stops it (local data and edits stay, and are
 * sent after the next login). Without a server the app works entirely on this machine.
 */
export function SyncSettings() {
  const { status, error } = useSyncStatus();
  const [form] = Form.useForm<LoginForm>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const { message } = App.useApp();

  const login = async (values: LoginForm) => {
    setBusy(true);
    const result = await api.sync.configure(values);
    setBusy(false);
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    setSyncStatus(result.value);
    form.setFieldValue('password', '');
    message.success('已登录同步服务器,开始同步');
  };
  const logout = async () => {
    setBusy(true);
    const result = await api.sync.disconnect();
    setBusy(false);
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    setSyncStatus(result.value);
    message.info('已退出同步服务器,数据保存在本机');
  };

  const configured = status && status.state !== 'disabled';
  const tag = STATE_TAG[status?.state ?? 'disabled'];
  return (
    <Card title="数据同步" data-testid="sync-settings">
      <ErrorAlert error={error ?? failure} />
      {configured ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Descriptions
            column={1}
            bordered
            size="middle"
            styles={{ label: { width: 160 } }}
            items={[
              { key: 'state', label: '状态', children: <Tag color={tag.color} data-testid="sync-settings-state">{tag.text}</Tag> },
              { key: 'server', label: '同步服务器', children: <code data-testid="sync-server">{status.server}</code> },
              {
                key: 'user',
                label: '登录用户',
                children: status.user ? `${status.user.name}(${status.user.login}${status.user.units.length ? ` · ${status.user.units.join('、')}` : ''})` : '—',
              },
              { key: 'pending', label: '待同步', children: `${status.pending} 条` },
              { key: 'last', label: '最近同步', children: formatTime(status.lastSyncAt) },
            ]}
          />
          {status.error ? <Alert type="warning" showIcon title="同步遇到问题" description={status.error} data-testid="sync-settings-error" /> : null}
          <Button onClick={() => void logout()} loading={busy} data-testid="sync-logout">
            退出登录
          </Button>
        </Space>
      ) : (
        <Form form={form} layout="vertical" style={{ maxWidth: 520 }} onFinish={(v) => void login(v)} initialValues={{ url: 'ws://127.0.0.1:1234' }}>
          <Typography.Paragraph type="secondary">未配置同步服务器:所有数据保存在本机,可照常离线办理。登录后,本机的记录与同事的记录自动双向同步。</Typography.Paragraph>
          <Form.Item label="同步服务器地址" name="url" rules={[{ required: true, message: '请填写服务器地址' }]}>
            <Input placeholder="ws://10.0.0.5:1234" data-testid="sync-url" />
          </Form.Item>
          <Form.Item label="用户名" name="login" rules={[{ required: true, message: '请填写用户名' }]}>
            <Input autoComplete="username" data-testid="sync-login" />
          </Form.Item>
          <Form.Item label="口令" name="password" rules={[{ required: true, message: '请填写口令' }]}>
            <Input.Password autoComplete="current-password" data-testid="sync-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-login-button">
            登录并同步
          </Button>
        </Form>
      )}
      {status && status.removed.length > 0 ? (
        <List
          style={{ marginTop: 16 }}
          size="small"
          header="因权限变更已从本机移除的记录"
          dataSource={status.removed}
          renderItem={(r) => (
            <List.Item data-testid="removed-record">
              {r.title}
              <Typography.Text type="secondary">{formatTime(r.at)}</Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
    </Card>
  );
}
