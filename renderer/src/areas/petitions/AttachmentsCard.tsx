import { Button, Card, Modal, Select, Space, Table, message } from 'antd';
import { useRef, useState } from 'react';
import { toBase64 } from '../../../../core/crypto/bytes';
import { formatBytes } from '../../../../core/blobs/limits';
import type { PetitionDetail } from '../../../../core/ipc/petitions';
import { DECRYPT_REASONS } from '../../../../core/petitions/events';
import { api } from '../../bridge';
import { downloadBase64 } from '../../shared/download';

const MAX_BYTES = 20 * 1024 * 1024;
type Reason = (typeof DECRYPT_REASONS)[number];

/** Reads picked files for `petitions.attach` (sealed by the service before anything is written). */
export async function readPicked(files: readonly File[]): Promise<Array<{ name: string; mime: string; dataBase64: string }>> {
  const big = files.find((f) => f.size > MAX_BYTES);
  if (big) throw new Error(`附件“${big.name}”超过20 MB,请分拆或压缩后上传`);
  return Promise.all(files.map(async (f) => ({ name: f.name, mime: f.type || 'application/octet-stream', dataBase64: toBase64(new Uint8Array(await f.arrayBuffer())) })));
}

/**
 * 附件 of a case. Names and bytes are encrypted: whoever may not decrypt sees only that there
 * are files; opening one asks for a reason first (留痕, like the petitioner's details).
 */
export function AttachmentsCard({ detail, onDone }: { detail: PetitionDetail; onDone: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [opening, setOpening] = useState<string | null>(null);
  const [reason, setReason] = useState<Reason>('办理需要');
  const mayAdd = detail.canDecrypt && detail.allowed.includes('attach');
  const upload = async (picked: File[]) => {
    if (picked.length === 0) return;
    setBusy(true);
    try {
      const files = await readPicked(picked);
      const r = await api.petitions.attach({ id: detail.id, files, stage: '办理' });
      if (!r.ok) return void message.error(r.error.message);
      void message.success(`已加密上传${files.length}个附件`);
      onDone();
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  const open = async () => {
    const sm3 = opening!;
    setOpening(null);
    const r = await api.petitions.attachment({ id: detail.id, sm3, reason });
    if (!r.ok) return void message.error(r.error.message);
    downloadBase64(r.value.dataBase64, r.value.mime, r.value.name);
    onDone();
  };
  return (
    <Card title="附件(加密存储)" style={{ marginBottom: 16 }} data-testid="petition-attachments"
      extra={mayAdd ? (
        <Space>
          <Button size="small" loading={busy} onClick={() => input.current?.click()}>上传附件</Button>
          <input ref={input} type="file" multiple hidden data-testid="petition-attach-input" onChange={(e) => void upload([...(e.target.files ?? [])])} />
        </Space>
      ) : null}>
      <Table size="small" rowKey="sm3" pagination={false} dataSource={detail.attachments} locale={{ emptyText: '暂无附件' }}
        columns={[
          { title: '附件', key: 'n', render: (_: unknown, _r: unknown, i: number) => `附件${i + 1}${detail.canDecrypt ? '' : '(无权查看)'}` },
          { title: '大小', dataIndex: 'size', render: (n: number) => formatBytes(n) },
          { title: '上传人', dataIndex: 'by' },
          { title: '上传时间', dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString('zh-CN') },
          { title: '操作', key: 'o', render: (_: unknown, a: { sm3: string }) => (detail.canDecrypt ? <Button size="small" onClick={() => setOpening(a.sm3)}>查看</Button> : '—') },
        ]} />
      <Modal open={opening !== null} title="查看附件" okText="查看" cancelText="取消" onOk={() => void open()} onCancel={() => setOpening(null)}>
        <p>附件可能含有信访人个人信息,查看将留痕并同步至信访部门。请选择查看事由:</p>
        <Select style={{ width: 200 }} value={reason} onChange={setReason} options={DECRYPT_REASONS.map((r) => ({ value: r, label: r }))} />
      </Modal>
    </Card>
  );
}
