import { DatePicker, Form, Input, Radio, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './types';
import { useAct } from './useAct';

/** 延期申请 by the lead unit, and its 审批 by the 督查室. */
export function ExtensionRequestModal({ detail, open, onClose, onDone, unit }: ActionProps & { unit: string }) {
  const [form] = Form.useForm<{ deadline: Dayjs; reason: string }>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  const current = detail.extendedDeadline ?? detail.deadline;
  return (
    <ActionModal title="延期申请" okText="提交申请" open={open} busy={busy} error={error} onOk={() => form.submit()} onCancel={() => (clearError(), onClose())}>
      <Typography.Paragraph type="secondary">
        当前完成时限:{current ?? '未设'}。延期须经督查室批准;未获批准前,仍按原时限考核。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="extension-form"
        onFinish={async (v) => {
          const ok = await run({ type: 'extension_request', unit, deadline: v.deadline.format('YYYY-MM-DD'), reason: v.reason }, '延期申请已提交');
          if (ok) onClose();
        }}
      >
        <Form.Item name="deadline" label="申请延期至" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker data-testid="extension-deadline" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="reason" label="延期理由" rules={[{ required: true, whitespace: true, message: '请填写延期理由' }]}>
          <Input.TextArea data-testid="extension-reason" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

export function ExtensionDecisionModal({ detail, open, onClose, onDone, requestId }: ActionProps & { requestId: string }) {
  const [form] = Form.useForm<{ approve: boolean; deadline?: Dayjs | null; opinion?: string }>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  const request = detail.extensions.find((e) => e.eventId === requestId);
  return (
    <ActionModal title="延期审批" okText="确定" open={open} busy={busy} error={error} onOk={() => form.submit()} onCancel={() => (clearError(), onClose())}>
      {request ? (
        <Typography.Paragraph>
          {request.unit}申请延期至 <b>{request.deadline}</b>,理由:{request.reason}
        </Typography.Paragraph>
      ) : null}
      <Form
        form={form}
        layout="vertical"
        data-testid="decision-form"
        initialValues={{ approve: true }}
        onFinish={async (v) => {
          const action = { type: 'extension_decision' as const, requestId, approve: v.approve, deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null, opinion: v.opinion ?? '' };
          if (await run(action, v.approve ? '已批准延期' : '已不予延期')) onClose();
        }}
      >
        <Form.Item name="approve" label="审批意见">
          <Radio.Group options={[{ value: true, label: '同意延期' }, { value: false, label: '不同意' }]} />
        </Form.Item>
        <Form.Item name="deadline" label="批准的时限" extra="不填则按申请的日期">
          <DatePicker style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="opinion" label="意见">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
