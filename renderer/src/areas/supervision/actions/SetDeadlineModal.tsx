import { DatePicker, Form, Input, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './types';
import { useAct } from './useAct';

/** 设定时限: the 督查室 gives an assigned item without a deadline its first one (a signed event; the units are notified). */
export function SetDeadlineModal({ detail, open, onClose, onDone }: ActionProps) {
  const [form] = Form.useForm<{ deadline: Dayjs; note?: string }>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  return (
    <ActionModal title="设定完成时限" okText="确定" open={open} busy={busy} error={error} onOk={() => form.submit()} onCancel={() => (clearError(), onClose())}>
      <Typography.Paragraph type="secondary">
        本事项交办时未设完成时限。设定后将通知各承办单位,并按此时限考核;此后调整须经延期申请和审批。
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="set-deadline-form"
        onFinish={async (v) => {
          if (await run({ type: 'set_deadline', deadline: v.deadline.format('YYYY-MM-DD'), note: v.note ?? '' }, '完成时限已设定')) onClose();
        }}
      >
        <Form.Item name="deadline" label="完成时限" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker data-testid="set-deadline-date" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="note" label="说明">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder="如:依据市领导批示" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
