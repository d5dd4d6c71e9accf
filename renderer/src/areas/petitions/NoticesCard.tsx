import { App, Button, Card, Modal, Select, Space, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import type { PetitionDetail } from '../../../../core/ipc/petitions';
import { DECRYPT_REASONS } from '../../../../core/petitions/events';
import { api } from '../../bridge';
import { downloadBase64 } from '../../shared/download';

type Kind = '受理告知书' | '不予受理告知书' | '答复意见书';
type Reason = (typeof DECRYPT_REASONS)[number];

/** Which 文书 the case has reached: each is made from a signed step. */
function available(detail: PetitionDetail): Kind[] {
  const done = new Set(detail.history.map((h) => h.type));
  return [...(done.has('accept') ? ['受理告知书' as const] : []), ...(done.has('refuse') ? ['不予受理告知书' as const] : []), ...(done.has('reply') ? ['答复意见书' as const] : [])];
}

/**
 * 告知书 and 答复意见书 (公文 layout, PDF). They name the petitioner, so only those who may decrypt
 * make them, after choosing a reason (留痕). The 信访 office seals the 答复意见书 (用印, PIN each
 * time); the PDF shows the seal only while it verifies over the 答复 as it is.
 */
export function NoticesCard({ detail, onDone }: { detail: PetitionDetail; onDone: () => void }) {
  const [asking, setAsking] = useState<Kind | null>(null);
  const [reason, setReason] = useState<Reason>('办理需要');
  const [sealing, setSealing] = useState(false);
  const { modal } = App.useApp();
  const kinds = available(detail);
  if (kinds.length === 0) return null;
  const make = async () => {
    const kind = asking!;
    setAsking(null);
    const r = await api.petitions.notice({ id: detail.id, kind, reason });
    if (!r.ok) return void message.error(r.error.message);
    downloadBase64(r.value.base64, r.value.mime, r.value.fileName);
    onDone();
  };
  const seal = async () => {
    setSealing(true);
    const r = await api.petitions.sealReply({ id: detail.id });
    setSealing(false);
    if (!r.ok) return void message.error(r.error.message);
    void message.success('已加盖电子印章');
    onDone();
  };
  return (
    <Card title="告知书与答复意见书" style={{ marginBottom: 16 }} data-testid="petition-notices"
      extra={detail.sealed ? <Tag color="red" data-testid="reply-sealed">答复意见书已用印({detail.sealed.unit})</Tag> : detail.history.some((h) => h.type === 'reply') ? <Tag>答复意见书未用印</Tag> : null}>
      <Space wrap>
        {detail.canDecrypt ? kinds.map((k) => <Button key={k} onClick={() => setAsking(k)}>生成{k}</Button>) : <Typography.Text type="secondary">文书载有信访人姓名,仅信访部门和承办人可以生成。</Typography.Text>}
        {detail.canSeal ? (
          <Button danger loading={sealing} onClick={() => modal.confirm({ title: '确认对答复意见书加盖本单位电子印章?', content: '用印须输入印章所有人的 PIN 码;用印后事项内容如有改动,印章将不再覆盖。', okText: '用印', cancelText: '取消', onOk: () => void seal() })}>
            答复意见书用印
          </Button>
        ) : null}
      </Space>
      <Modal open={asking !== null} title={`生成${asking ?? ''}`} okText="生成" cancelText="取消" onOk={() => void make()} onCancel={() => setAsking(null)}>
        <p>文书载有信访人姓名,生成将留痕并同步至信访部门。请选择事由:</p>
        <Select style={{ width: 200 }} value={reason} onChange={setReason} options={DECRYPT_REASONS.map((r) => ({ value: r, label: r }))} />
      </Modal>
    </Card>
  );
}
