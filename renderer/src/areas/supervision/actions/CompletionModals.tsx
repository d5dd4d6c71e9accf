import { Form, Input, Radio, Typography } from 'antd';
import type { AttachmentRef } from '../../../../../core/supervision/attachments';
import { AttachmentUpload } from '../attachments/AttachmentUpload';
import { useUploadGate } from '../attachments/upload-gate';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './types';
import { useAct } from './useAct';

/** 办结申请, 办结审核 and 销号. */
export function CompletionRequestModal({ detail, open, onClose, onDone, unit }: ActionProps & { unit: string }) {
  const [form] = Form.useForm<{ summary: string; attachments?: AttachmentRef[] }>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  const gate = useUploadGate();
  return (
    <ActionModal title="办结申请" okText="提交办结申请" open={open} busy={busy} error={error} okDisabled={gate.uploading} onOk={() => form.submit()} onCancel={() => (clearError(), onClose())}>
      <Form
        form={form}
        layout="vertical"
        data-testid="completion-form"
        onFinish={async (v) => {
          if (await run({ type: 'completion_request', unit, summary: v.summary, attachments: v.attachments ?? [] }, '办结申请已提交')) onClose();
        }}
      >
        <Form.Item name="summary" label="办结情况" rules={[{ required: true, whitespace: true, message: '请填写办结情况' }]}>
          <Input.TextArea data-testid="completion-summary" autoSize={{ minRows: 4, maxRows: 12 }} maxLength={20000} placeholder="完成情况、取得成效及佐证材料说明" />
        </Form.Item>
        <Form.Item name="attachments" label="佐证材料" rules={[gate.rule]}>
          <AttachmentUpload recordId={detail.id} onUploadingChange={gate.onUploadingChange} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

export function ReviewModal({ detail, open, onClose, onDone }: ActionProps) {
  const [form] = Form.useForm<{ accept: boolean; opinion?: string }>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  const request = detail.completions.find((c) => !c.review);
  return (
    <ActionModal title="办结审核" okText="确定" open={open} busy={busy} error={error} onOk={() => form.submit()} onCancel={() => (clearError(), onClose())}>
      {request ? <Typography.Paragraph className="xt-plain-text">{request.unit}申请办结:{request.summary}</Typography.Paragraph> : null}
      <Form
        form={form}
        layout="vertical"
        data-testid="review-form"
        initialValues={{ accept: true }}
        onFinish={async (v) => {
          if (!request) return;
          const ok = await run({ type: 'completion_review', requestId: request.eventId, accept: v.accept, opinion: v.opinion ?? '' }, v.accept ? '审核通过,事项已办结' : '已退回');
          if (ok) onClose();
        }}
      >
        <Form.Item name="accept" label="审核结果">
          <Radio.Group options={[{ value: true, label: '通过' }, { value: false, label: '退回' }]} />
        </Form.Item>
        <Form.Item
          name="opinion"
          label="审核意见"
          dependencies={['accept']}
          rules={[({ getFieldValue }) => ({ required: getFieldValue('accept') === false, whitespace: true, message: '退回须填写意见' })]}
        >
          <Input.TextArea data-testid="review-opinion" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}

export function CloseModal({ detail, open, onClose, onDone }: ActionProps) {
  const [form] = Form.useForm<{ note?: string }>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  return (
    <ActionModal title="销号" okText="确认销号" open={open} busy={busy} error={error} onOk={() => form.submit()} onCancel={() => (clearError(), onClose())}>
      <Typography.Paragraph>销号后该事项不再列入督办,办理记录完整保留。</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={async (v) => (await run({ type: 'close', note: v.note ?? '' }, '已销号')) && onClose()}>
        <Form.Item name="note" label="销号说明">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
