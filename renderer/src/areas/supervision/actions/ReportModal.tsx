import { Checkbox, Form, Input, InputNumber, Slider, Space, Typography } from 'antd';
import type { AttachmentRef } from '../../../../../core/supervision/attachments';
import { AttachmentUpload } from '../attachments/AttachmentUpload';
import { useUploadGate } from '../attachments/upload-gate';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './types';
import { useAct } from './useAct';

interface Values {
  text: string;
  percent: number;
  attachments: AttachmentRef[];
  milestones: string[];
}

/** 进展反馈 for the current identity's unit: text, percent done, attached files, milestones reached. */
export function ReportModal({ detail, open, onClose, onDone, unit }: ActionProps & { unit: string }) {
  const [form] = Form.useForm<Values>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  const gate = useUploadGate();
  const current = detail.assignments.find((a) => a.unit === unit);
  const pending = detail.milestones.filter((m) => !m.reached);
  const submit = async (v: Values) => {
    const ok = await run({ type: 'report', unit, text: v.text, percent: v.percent, attachments: v.attachments ?? [], milestones: v.milestones ?? [] }, '进展已报送');
    if (ok) {
      form.resetFields();
      onClose();
    }
  };
  return (
    <ActionModal
      title={`进展反馈 · ${unit}`}
      okText="报送"
      open={open}
      busy={busy}
      error={error}
      okDisabled={gate.uploading}
      onOk={() => form.submit()}
      onCancel={() => {
        clearError();
        onClose();
      }}
    >
      <Form<Values> form={form} layout="vertical" data-testid="report-form" onFinish={submit} initialValues={{ percent: current?.percent ?? 0, attachments: [], milestones: [] }}>
        <Form.Item name="text" label="进展情况" rules={[{ required: true, whitespace: true, message: '请填写进展情况' }]}>
          <Input.TextArea data-testid="report-text" autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} placeholder="本期完成的工作、存在的问题和下一步安排" />
        </Form.Item>
        <Form.Item label="完成进度(%)" required>
          <Space align="center" style={{ width: '100%' }}>
            <Form.Item name="percent" noStyle>
              <Slider min={0} max={100} style={{ width: 320 }} />
            </Form.Item>
            <Form.Item name="percent" noStyle rules={[{ required: true }]}>
              <InputNumber min={0} max={100} precision={0} data-testid="report-percent" />
            </Form.Item>
          </Space>
        </Form.Item>
        <Form.Item name="attachments" label="附件" rules={[gate.rule]}>
          <AttachmentUpload recordId={detail.id} onUploadingChange={gate.onUploadingChange} />
        </Form.Item>
        {pending.length ? (
          <Form.Item name="milestones" label="本期完成的节点目标">
            <Checkbox.Group options={pending.map((m) => ({ value: m.id, label: `${m.title}(${m.date})` }))} />
          </Form.Item>
        ) : null}
        <Typography.Text type="secondary">报送后,下次反馈日期按反馈周期顺延(遇节假日顺延至工作日)。</Typography.Text>
      </Form>
    </ActionModal>
  );
}
