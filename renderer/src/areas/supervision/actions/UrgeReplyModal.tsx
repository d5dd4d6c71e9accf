import { Form, Input, Typography } from 'antd';
import type { SupervisionDetail } from '../../../../../core/ipc/supervision';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './types';
import { useAct } from './useAct';

/**
 * A unit answers a 催办 notice: 确认已阅 with a written 情况说明, which the 督查室 sees. A red 督查单
 * asks for one; for the others it is optional.
 */
export function UrgeReplyModal({ detail, open, onClose, onDone, urge, unit }: ActionProps & { urge: SupervisionDetail['urges'][number]; unit: string }) {
  const [form] = Form.useForm<{ reply?: string }>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  const required = urge.level === 'red';
  return (
    <ActionModal title={required ? '回复督查单' : '确认已阅'} okText={required ? '提交情况说明' : '确认'} open={open} busy={busy} error={error} onOk={() => form.submit()} onCancel={() => (clearError(), onClose())}>
      <Typography.Paragraph className="xt-plain-text" type="secondary">
        {urge.text}
      </Typography.Paragraph>
      <Form
        form={form}
        layout="vertical"
        data-testid="urge-reply-form"
        onFinish={async (v) => {
          if (await run({ type: 'urge_read', urgeId: urge.eventId, unit, reply: v.reply ?? '' }, required ? '情况说明已报送' : '已确认阅知')) onClose();
        }}
      >
        <Form.Item name="reply" label="情况说明" rules={[{ required, whitespace: true, message: '红色督查单须书面回复情况说明' }]} extra={required ? undefined : '可不填;填写后督查室可见'}>
          <Input.TextArea data-testid="urge-reply" autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} placeholder="滞后原因、已采取的措施和完成时间" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
