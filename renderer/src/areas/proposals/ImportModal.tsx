import { InboxOutlined } from '@ant-design/icons';
import { Alert, Modal, Table, Upload } from 'antd';
import { useState } from 'react';
import type { ImportResult } from '../../../../core/proposals/contract';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * 批量登记: an XLSX or CSV as the 大会秘书处 sends it. The report says how many were registered
 * and, row by row, why the others were not; nothing is half-imported.
 */
export function ImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    const r = await api.proposals.import({ fileName: file.name, base64: await base64Of(file) });
    setBusy(false);
    if (!r.ok) setError(r.error);
    else {
      setResult(r.value);
      onImported();
    }
  };
  const close = () => {
    setResult(null);
    setError(null);
    onClose();
  };
  return (
    <Modal title="批量登记建议提案" open={open} onCancel={close} onOk={close} okText="完成" cancelButtonProps={{ style: { display: 'none' } }} width={720} destroyOnHidden>
      <Upload.Dragger
        accept=".xlsx,.csv"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
        data-testid="proposal-import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p>点击或拖入 Excel 工作簿(.xlsx)或 CSV 文件</p>
        <p style={{ color: '#888' }}>第1行为列名:届次、会次、编号、类别、重点、标题、内容、领衔人、代表团或界别、附议人、联系方式、主办单位、协办单位(多个用“、”分隔)</p>
      </Upload.Dragger>
      <div style={{ marginTop: 16 }}>
        <ErrorAlert error={error} />
        {busy ? <Alert type="info" showIcon title="正在导入…" /> : null}
        {result ? (
          <div data-testid="proposal-import-report">
            <Alert
              type={result.refused.length ? 'warning' : 'success'}
              showIcon
              title={`已登记 ${result.imported} 件${result.held ? `,${result.held} 件此前已登记` : ''}${result.refused.length ? `,${result.refused.length} 行未导入` : ''}`}
              style={{ marginBottom: 12 }}
            />
            {result.refused.length ? (
              <Table
                size="small"
                rowKey="row"
                pagination={false}
                dataSource={result.refused}
                columns={[
                  { key: 'row', title: '行号', width: 80, render: (_, r) => `第${r.row}行` },
                  { key: 'reason', title: '未导入原因', render: (_, r) => r.reason },
                ]}
              />
            ) : null}
          </div>
        ) : null}
      </div>
    </Modal>
  );
}
