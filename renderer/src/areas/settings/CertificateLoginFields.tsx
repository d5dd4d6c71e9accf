import { Alert, Descriptions, Form, Input, Tag, Typography } from 'antd';
import { actorLabel, ROLE_LABEL } from '../../../../core/supervision/actor';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useSession } from './sessionStore';

/**
 * 数字证书登录 fields of 设置 → 数据同步: whose certificate signs the login (the current identity,
 * as 演示身份切换 shows it) and the PIN that unlocks its key. The PIN is used in the main process
 * only, to sign the server's one-time challenge; it is neither kept nor sent to the server.
 */
export function CertificateLoginFields() {
  const { info, error, reload } = useSession();
  const current = info?.current;
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Descriptions
        column={1}
        bordered
        size="small"
        style={{ marginBottom: 16 }}
        styles={{ label: { width: 120 } }}
        items={[
          {
            key: 'holder',
            label: '证书持有人',
            children: (
              <span data-testid="sync-cert-holder">
                {current ? (
                  <>
                    {actorLabel(current)} <Tag>{ROLE_LABEL[current.role]}</Tag>
                    <Typography.Text type="secondary">{current.login}</Typography.Text>
                  </>
                ) : (
                  '—'
                )}
              </span>
            ),
          },
          { key: 'kind', label: '证书类型', children: 'SM2 签名证书(本单位 CA 签发)' },
        ]}
      />
      {info?.demo ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="演示环境"
          description="使用当前演示身份的证书登录;如需以其他人员登录,请先在上方“演示身份切换”中切换。演示证书的 PIN 码为 123456。"
        />
      ) : null}
      <Form.Item label="证书 PIN 码" name="pin" rules={[{ required: true, message: '请输入证书 PIN 码' }]} extra="PIN 码仅用于在本机解锁签名密钥,不会发送到服务器。">
        <Input.Password autoComplete="off" maxLength={64} data-testid="sync-pin" />
      </Form.Item>
    </>
  );
}
