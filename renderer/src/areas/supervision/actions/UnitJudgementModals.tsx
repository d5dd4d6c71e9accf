import { Form, Input, InputNumber, Select } from 'antd';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './types';
import { useAct } from './useAct';

/** The 督查室's judgements on units: 评价 and 退回进展反馈. */
export function EvaluateModal({ detail, open, onClose, onDone }: ActionProps) {
  const [form] = Form.useForm<{ unit: string; score: number; comment?: string }>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  const units = detail.assignments.filter((a) => !a.group);
  return (
    <ActionModal title="评价" okText="保存评价" open={open} busy={busy} error={error} onOk={() => form.submit()} onCancel={() => (clearError(), onClose())}>
      <Form
        form={form}
        layout="vertical"
        data-testid="evaluate-form"
        initialValues={{ unit: units.find((a) => !a.evaluation)?.unit ?? units[0]?.unit, score: 90 }}
        onFinish={async (v) => (await run({ type: 'evaluate', unit: v.unit, score: v.score, comment: v.comment ?? '' }, '评价已保存')) && onClose()}
      >
        <Form.Item name="unit" label="单位" rules={[{ required: true }]}>
          <Select options={units.map((a) => ({ value: a.unit, label: a.evaluation ? `${a.unit}(已评 ${a.evaluation.score} 分)` : a.unit }))} />
        </Form.Item>
        <Form.Item name="score" label="得分(0–100)" rules={[{ required: true }]}>
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
        <Form.Item name="comment" label="评语">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

export function ReturnReportModal({ detail, open, onClose, onDone, reportId }: ActionProps & { reportId: string }) {
  const [form] = Form.useForm<{ opinion: string }>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  return (
    <ActionModal title="退回进展反馈" okText="退回" open={open} busy={busy} error={error} onOk={() => form.submit()} onCancel={() => (clearError(), onClose())}>
      <Form form={form} layout="vertical" onFinish={async (v) => (await run({ type: 'report_return', reportId, opinion: v.opinion }, '已退回')) && onClose()}>
        <Form.Item name="opinion" label="退回意见" rules={[{ required: true, whitespace: true, message: '请填写退回意见' }]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
