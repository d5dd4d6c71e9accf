import { Alert, Checkbox, Form, Input, Radio, Typography } from 'antd';
import type { AttachmentRef } from '../../../../../core/supervision/attachments';
import { silentUnits } from '../../../../../core/supervision/schedule';
import { UnitStateTable } from '../sections/AssignmentTable';
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
      <Typography.Paragraph type="secondary">各承办单位办理情况(督查室审核时将一并查看):</Typography.Paragraph>
      <UnitStateTable detail={detail} />
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

interface ReviewValues {
  accept: boolean;
  opinion?: string;
  confirm?: boolean;
  reason?: string;
}

/** 办结审核: each unit's state beside the request; passing over silent units needs a confirmation and a reason. */
export function ReviewModal({ detail, open, onClose, onDone }: ActionProps) {
  const [form] = Form.useForm<ReviewValues>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  const request = detail.completions.find((c) => !c.review);
  const silent = silentUnits(detail);
  const accepting = Form.useWatch('accept', form) !== false;
  const silentText = silent.map((s) => `${s.unit}(${s.acknowledged ? '未报送进展' : '未签收'})`).join('、');
  return (
    <ActionModal title="办结审核" okText="确定" open={open} busy={busy} error={error} onOk={() => form.submit()} onCancel={() => (clearError(), onClose())} width={760}>
      {request ? <Typography.Paragraph className="xt-plain-text">{request.unit}申请办结:{request.summary}</Typography.Paragraph> : null}
      <UnitStateTable detail={detail} />
      {silent.length > 0 ? (
        <Alert type="warning" showIcon style={{ margin: '12px 0' }} data-testid="review-silent" message={`${silent.length} 个单位尚未签收或未报送进展`} description={silentText} />
      ) : null}
      <Form
        form={form}
        layout="vertical"
        data-testid="review-form"
        initialValues={{ accept: true }}
        onFinish={async (v) => {
          if (!request) return;
          const confirmed = v.accept && silent.length > 0 ? { units: silent.map((s) => s.unit), reason: v.reason ?? '' } : null;
          const ok = await run({ type: 'completion_review', requestId: request.eventId, accept: v.accept, opinion: v.opinion ?? '', confirmed }, v.accept ? '审核通过,事项已办结' : '已退回');
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
        {accepting && silent.length > 0 ? (
          <>
            <Form.Item name="confirm" valuePropName="checked" rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请确认上述单位的情况'))) }]}>
              <Checkbox data-testid="review-confirm">已核实上述单位情况,仍予审核通过</Checkbox>
            </Form.Item>
            <Form.Item name="reason" label="确认理由" rules={[{ required: true, whitespace: true, message: '请填写确认理由' }]}>
              <Input.TextArea data-testid="review-reason" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder="如:该单位职责已由牵头单位统筹完成,经电话核实" />
            </Form.Item>
          </>
        ) : null}
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
