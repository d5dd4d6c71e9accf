import { App, Button, Card, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { SignatureEntry, SignatureKind, SignatureList } from '../../../core/ipc/signatures';
import { api } from '../bridge';
import { useSession } from '../areas/settings/sessionStore';
import { ErrorAlert } from './ErrorAlert';
import { formatTime } from './format';
import { useQuery } from './useQuery';

const STATUS: Record<SignatureEntry['status'], { color: string; label: string }> = {
  valid: { color: 'green', label: '签名有效' },
  stale: { color: 'orange', label: '内容已变更' },
  invalid: { color: 'red', label: '签名无效' },
  untrusted: { color: 'red', label: '证书不受信任' },
};

const CODE_LABEL: Record<string, string> = {
  CERT_REVOKED: '证书已吊销',
  CERT_EXPIRED: '证书已过期',
};

function statusLabel(e: SignatureEntry): string {
  if (e.status === 'untrusted' && e.code && CODE_LABEL[e.code]) return CODE_LABEL[e.code]!;
  return STATUS[e.status].label;
}

/**
 * 签发与用印 of one record (core/ipc/signatures.ts): the buttons the current identity may use, and
 * every signature with its status. A stale one (签名有效 but over an earlier version) is shown
 * in orange with 内容已变更,签章不再覆盖当前版本.
 */
export function SignaturePanel({ id }: { id: string }) {
  const { info } = useSession();
  const login = info?.current.login ?? '';
  const { data, error, reload, setData } = useQuery(`${id}:${login}`, () => api.signatures.list({ id }), { live: (ids) => ids.length === 0 || ids.includes(id) });
  const [busy, setBusy] = useState<SignatureKind | null>(null);
  const { message, modal } = App.useApp();

  /** One click never signs: the user confirms what is signed (the PIN follows: once per session, or each seal). */
  const confirmSign = (kind: SignatureKind) =>
    modal.confirm({
      title: kind === '签发' ? '确认签发当前版本?' : '确认加盖本单位电子印章?',
      content: kind === '签发' ? '签发后正文如有改动,签名将不再覆盖新版本。' : '用印须输入印章所有人的 PIN 码。',
      okText: kind,
      cancelText: '取消',
      // Closes at once: the PIN dialog (if any) then stands alone.
      onOk: () => void sign(kind),
    });

  const sign = async (kind: SignatureKind) => {
    setBusy(kind);
    const result = await api.signatures.sign({ id, kind });
    setBusy(null);
    if (!result.ok) {
      message.error(result.error.message);
      return;
    }
    message.success(kind === '签发' ? '已签发' : '已用印');
    setData(result.value);
  };

  return (
    <Card
      title="签发与用印"
      data-testid="signature-panel"
      extra={
        data ? (
          <Space>
            {data.can.签发 ? (
              <Button type="primary" loading={busy === '签发'} disabled={busy !== null} onClick={() => confirmSign('签发')} data-testid="sign-issue">
                签发
              </Button>
            ) : null}
            {data.can.用印 ? (
              <Button danger loading={busy === '用印'} disabled={busy !== null} onClick={() => confirmSign('用印')} data-testid="sign-seal">
                用印
              </Button>
            ) : null}
          </Space>
        ) : null
      }
    >
      <ErrorAlert error={error} onRetry={reload} />
      {data ? <SignatureTable list={data} /> : null}
    </Card>
  );
}

function SignatureTable({ list }: { list: SignatureList }) {
  if (list.entries.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未签发或用印" />;
  return (
    <Table<SignatureEntry>
      size="small"
      rowKey="eventId"
      pagination={false}
      dataSource={list.entries}
      columns={[
        { key: 'kind', title: '类型', dataIndex: 'kind', width: 72 },
        { key: 'signer', title: '签署人', render: (_, e) => `${e.signerName}(${e.signer})` },
        { key: 'unit', title: '单位', dataIndex: 'unit' },
        { key: 'time', title: '时间', render: (_, e) => formatTime(e.time) },
        {
          key: 'status',
          title: '状态',
          render: (_, e) => (
            <Space orientation="vertical" size={0}>
              <Tooltip title={e.message}>
                <Tag color={STATUS[e.status].color} data-testid="signature-status">
                  {statusLabel(e)}
                </Tag>
              </Tooltip>
              {e.status === 'stale' ? (
                <Typography.Text type="danger" data-testid="signature-stale">
                  内容已变更,签章不再覆盖当前版本
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}
