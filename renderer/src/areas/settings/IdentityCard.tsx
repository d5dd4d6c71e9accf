import { App, Alert, Card, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { actorLabel, ROLE_LABEL } from '../../../../core/supervision/actor';
import type { AppErrorShape } from '../../../../core/result';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { switchIdentity, useSession } from './sessionStore';

/**
 * 演示身份切换: offline, one machine can act as the 督查室, a leader or a unit's contact. Said
 * plainly, so nobody mistakes it for a login. Logged in to a sync server, the identity is the
 * account: the choice is disabled and the card says why (main/app/account-identity.ts).
 */
export function IdentityCard() {
  const { info, error, reload } = useSession();
  const [switchError, setSwitchError] = useState<AppErrorShape | null>(null);
  const { message } = App.useApp();
  const change = async (login: string) => {
    const failed = await switchIdentity(login);
    setSwitchError(failed);
    if (failed) message.error(failed.message);
    else message.success('已切换身份');
  };
  return (
    <Card title="演示身份切换">
      <ErrorAlert error={error ?? switchError} onRetry={error ? reload : undefined} />
      {info?.switchDisabled ? (
        <Alert data-testid="identity-locked" type="warning" showIcon style={{ marginBottom: 16 }} title="办理身份即登录账号" description={info.switchDisabled} />
      ) : (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="演示身份"
          description="本机的办理身份尚未与统一身份认证绑定,可在下面选择以哪个身份办理督办事项(督查室、领导或承办单位联系人),每一步操作都会记录办理人并以其数字证书签名。登录同步服务器后,办理身份即为登录账号,不能再切换。"
        />
      )}
      <Space orientation="vertical" size={12}>
        <div>
          <Typography.Text type="secondary">当前身份:</Typography.Text>
          <span data-testid="current-identity">
            {info ? (
              <>
                {actorLabel(info.current)} <Tag>{ROLE_LABEL[info.current.role]}</Tag>
              </>
            ) : (
              '—'
            )}
          </span>
        </div>
        <Select
          data-testid="identity-select"
          style={{ width: 360 }}
          value={info?.current.login}
          disabled={Boolean(info?.switchDisabled)}
          loading={!info && !error}
          onChange={(login: string) => void change(login)}
          options={(info?.users ?? []).map((u) => ({ value: u.login, label: `${actorLabel(u)} · ${ROLE_LABEL[u.role]}` }))}
        />
      </Space>
    </Card>
  );
}
