import { App, Alert, Button, Card, Descriptions, Form, Input, List, Segmented, Space, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { SyncState } from '../../../../core/ipc/sync';
import type { AppErrorShape, ErrorCode } from '../../../../core/result';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { formatTime } from '../../shared/format';
import { navigate, useRoute } from '../../router/useRoute';
import { errorTitle } from '../../shared/labels';
import { setSyncStatus, useSyncStatus } from '../../shell/syncStore';
import { CertificateLoginFields } from './CertificateLoginFields';

const STATE_TAG: Record<SyncState, { text: string; color: string }> = {
  disabled: { text: '未配置', color: 'default' },
  offline: { text: '离线', color: 'warning' },
  connecting: { text: '连接中', color: 'processing' },
  syncing: { text: '同步中', color: 'processing' },
  online: { text: '在线', color: 'success' },
};

type LoginMethod = 'password' | 'certificate';

/** Where the header's 重新登录 leads: this card, its login form filled in and the password field focused. */
export const RELOGIN_HASH = '#/settings?sync=relogin';

interface LoginForm {
  url: string;
  login: string;
  password: string;
  pin: string;
}

/** Titles for a failed login; the message below says the details (the server's own words where it gave any). */
const LOGIN_ERROR_TITLE: Partial<Record<ErrorCode, string>> = {
  TRANSPORT: '无法连接同步服务器',
  BAD_INPUT: '登录失败',
  UNSUPPORTED: '无法使用数字证书登录',
  WRONG_PIN: '证书未能解锁',
  PIN_LOCKED: '证书已暂时锁定',
  KEY_NOT_FOUND: '未找到登录证书',
};

function LoginError({ error }: { error: AppErrorShape | null }) {
  if (!error) return null;
  return <Alert type="error" showIcon style={{ marginBottom: 16 }} title={LOGIN_ERROR_TITLE[error.code] ?? errorTitle(error.code)} description={error.message} data-testid="sync-login-error" />;
}

/**
 * 设置 → 数据同步: the sync server and the login to it, with 账号密码 or the current identity's
 * 数字证书 (SM2, unlocked by its PIN). Logging in keeps the token in this profile
 * and starts syncing in the background; 退出登录 stops it (local data and edits stay, and are
 * sent after the next login). Without a server the app works entirely on this machine. When the
 * server no longer takes the login (`needsLogin`), the form comes back with the server and the
 * login name filled in, so 重新登录 needs only the password (or the PIN).
 */
export function SyncSettings() {
  const { status, error } = useSyncStatus();
  const [form] = Form.useForm<LoginForm>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const [method, setMethod] = useState<LoginMethod>('password');
  const { message } = App.useApp();
  const route = useRoute();
  const card = useRef<HTMLDivElement>(null);
  const password = useRef<InputRef>(null);
  const needsLogin = status?.needsLogin ?? false;
  // Primitives, so the form is filled in once per expired login, not on every status change.
  const reloginUrl = needsLogin ? (status?.server ?? '') : null;
  const reloginName = needsLogin ? (status?.user?.login ?? '') : null;
  const reloginRequested = route.query.sync === 'relogin';

  useEffect(() => {
    if (reloginUrl === null) return;
    form.setFieldsValue({ url: reloginUrl, login: reloginName ?? '', password: '' });
  }, [form, reloginUrl, reloginName]);

  useEffect(() => {
    if (!reloginRequested || reloginUrl === null) return;
    card.current?.scrollIntoView({ block: 'start' });
    password.current?.focus();
    // Back to plain 设置, so that the header's 重新登录 works again from here.
    navigate('#/settings', { replace: true });
  }, [reloginRequested, reloginUrl]);

  const login = async (values: LoginForm) => {
    setBusy(true);
    const result =
      method === 'certificate'
        ? await api.sync.configureWithCertificate({ url: values.url, pin: values.pin })
        : await api.sync.configure({ url: values.url, login: values.login, password: values.password });
    setBusy(false);
    // A PIN is never left in the form, whether it was right or wrong.
    form.setFieldValue('pin', '');
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    setSyncStatus(result.value);
    form.setFieldValue('password', '');
    if (needsLogin) message.success('已重新登录同步服务器,继续同步');
    else message.success(method === 'certificate' ? '已使用数字证书登录同步服务器,开始同步' : '已登录同步服务器,开始同步');
  };
  const chooseMethod = (next: LoginMethod) => {
    setMethod(next);
    setFailure(null);
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
  const logoutButton = (
    <Button onClick={() => void logout()} loading={busy} data-testid="sync-logout">
      退出登录
    </Button>
  );
  const tag = STATE_TAG[status?.state ?? 'disabled'];
  return (
    <div ref={card}>
      <Card title="数据同步" data-testid="sync-settings">
        <ErrorAlert error={error} />
        <LoginError error={failure} />
        {needsLogin && status ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title="登录已失效,请重新登录"
            description={
              <>
                同步已暂停:同步服务器不再接受本机保存的登录(登录已过期或被收回,或数据是从其他电脑复制的)。请输入口令(或证书 PIN)重新登录;在此之前的修改保存在本机,登录后自动同步。
                {status.error ? <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{status.error}</Typography.Paragraph> : null}
              </>
            }
            data-testid="sync-relogin-notice"
          />
        ) : null}
        {configured && !needsLogin ? (
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
            {logoutButton}
          </Space>
        ) : (
          <Form form={form} layout="vertical" style={{ maxWidth: 520 }} onFinish={(v) => void login(v)} initialValues={{ url: 'ws://127.0.0.1:1234' }}>
            {needsLogin ? null : (
              <Typography.Paragraph type="secondary">未配置同步服务器:所有数据保存在本机,可照常离线办理。登录后,本机的记录与同事的记录自动双向同步。</Typography.Paragraph>
            )}
            <Form.Item label="同步服务器地址" name="url" rules={[{ required: true, message: '请填写服务器地址' }]}>
              <Input placeholder="ws://10.0.0.5:1234" data-testid="sync-url" />
            </Form.Item>
            <Form.Item label="登录方式">
              <Segmented<LoginMethod>
                data-testid="sync-login-method"
                value={method}
                onChange={chooseMethod}
                options={[
                  { value: 'password', label: <span data-testid="sync-password-tab">账号密码</span> },
                  { value: 'certificate', label: <span data-testid="sync-cert-tab">数字证书</span> },
                ]}
              />
            </Form.Item>
            {method === 'password' ? (
              <>
                <Form.Item label="用户名" name="login" rules={[{ required: true, message: '请填写用户名' }]}>
                  <Input autoComplete="username" data-testid="sync-login" />
                </Form.Item>
                <Form.Item label="口令" name="password" rules={[{ required: true, message: '请填写口令' }]}>
                  <Input.Password ref={password} autoComplete="current-password" data-testid="sync-password" />
                </Form.Item>
                <Space>
                  <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-login-button">
                    {needsLogin ? '重新登录' : '登录并同步'}
                  </Button>
                  {needsLogin ? logoutButton : null}
                </Space>
              </>
            ) : (
              <>
                <CertificateLoginFields />
                <Space>
                  <Button type="primary" htmlType="submit" loading={busy} data-testid="sync-cert-login-button">
                    {needsLogin ? '证书重新登录' : '证书登录并同步'}
                  </Button>
                  {needsLogin ? logoutButton : null}
                </Space>
              </>
            )}
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
    </div>
  );
}
