import { Checkbox, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import type { ProposalView } from '../../../../core/proposals/contract';
import type { ProposalFields } from '../../../../core/proposals/model';
import type { AdjustRequest, ProposalState } from '../../../../core/proposals/state';
import type { AppErrorShape, Result } from '../../../../core/result';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useQuery } from '../../shared/useQuery';
import { ACTION_LABEL } from './labels';

/**
 * The form of one step, sent through the generic `records.act` (the 答复函 steps through
 * `proposals.draftReply` / `proposals.reply`). Required fields are checked here for the user;
 * the area's rules judge again in main.
 */
type Values = Record<string, unknown>;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const required = (message: string) => [{ required: true, message }];

export function ActionModal(props: { type: string | null; id: string; head: string | null; view: ProposalView; fields: ProposalFields; onClose: () => void; onDone: () => void }) {
  const { type, id, head, view, fields } = props;
  const state = view.state as unknown as ProposalState;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const units = useQuery('proposals.units', () => api.proposals.units(), { enabled: type !== null });
  const settings = useQuery('proposals.settings', () => api.proposals.settings(), { enabled: type === 'assign' });
  const unitOptions = (units.data ?? []).map((u) => ({ value: u }));
  const pending = state.adjustRequests.filter((r: AdjustRequest) => !r.decision);

  const send = async (values: Values) => {
    if (!type) return;
    setBusy(true);
    setError(null);
    let r: Result<unknown>;
    if (type === 'link_reply') r = await api.proposals.draftReply({ id, basis: head });
    else if (type === 'reply') r = await api.proposals.reply({ id, basis: head, resultClass: String(values.resultClass), publish: values.publish === true });
    else {
      const payload: Values = { ...values };
      if (type === 'assign' && settings.data) payload.terms = settings.data.settings.terms;
      for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
      r = await api.records.act({ id, basis: head, type, payload });
    }
    setBusy(false);
    if (!r.ok) setError(r.error);
    else {
      form.resetFields();
      props.onDone();
    }
  };

  const initial: Values =
    type === 'assign'
      ? { lead: fields.proposedLead || undefined, helpers: fields.proposedHelpers }
      : type === 'adjust_decide'
        ? { request: pending[0]?.eventId, granted: true, lead: state.assignment?.lead, helpers: state.assignment?.helpers.filter((h) => h !== pending[0]?.unit) }
        : type === 'contact'
          ? { date: today(), form: '座谈' }
          : type === 'extend_decide'
            ? { granted: true }
            : type === 'satisfaction'
              ? { date: today() }
              : type === 'reply'
                ? { publish: true }
                : {};

  const granted = Form.useWatch('granted', form) as boolean | undefined;
  return (
    <Modal
      title={type ? ACTION_LABEL[type] : ''}
      open={type !== null}
      onCancel={() => {
        setError(null);
        props.onClose();
      }}
      onOk={() => form.submit()}
      okText="确定"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnHidden
      data-testid="proposal-action-modal"
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void send(v)} preserve={false}>
        {type === 'assign' ? (
          <>
            <Form.Item name="lead" label="主办单位" rules={required('请选择主办单位')}>
              <Select showSearch options={unitOptions} data-testid="assign-lead" />
            </Form.Item>
            <Form.Item name="helpers" label="会办/协办单位">
              <Select mode="multiple" showSearch options={unitOptions} data-testid="assign-helpers" />
            </Form.Item>
            <Form.Item name="note" label="交办意见">
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        {type === 'adjust_request' ? (
          <>
            <Form.Item name="reason" label="申请调整的理由" rules={required('请写明理由')}>
              <Input.TextArea rows={3} placeholder="如:该事项不属本单位职责" />
            </Form.Item>
            <Form.Item name="suggestion" label="建议改由">
              <Input placeholder="建议改由哪个单位办理" />
            </Form.Item>
          </>
        ) : null}
        {type === 'adjust_decide' ? (
          <>
            <Form.Item name="request" label="调整申请" rules={required('请选择')}>
              <Select options={pending.map((r) => ({ value: r.eventId, label: `${r.unit}:${r.reason}${r.suggestion ? `(${r.suggestion})` : ''}` }))} />
            </Form.Item>
            <Form.Item name="granted" label="审定意见">
              <Radio.Group options={[{ value: true, label: '同意调整' }, { value: false, label: '不同意' }]} />
            </Form.Item>
            {granted !== false ? (
              <>
                <Form.Item name="lead" label="调整后主办单位" rules={required('请选择主办单位')}>
                  <Select showSearch options={unitOptions} />
                </Form.Item>
                <Form.Item name="helpers" label="调整后会办/协办单位">
                  <Select mode="multiple" showSearch options={unitOptions} data-testid="adjust-helpers" />
                </Form.Item>
              </>
            ) : null}
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        {type === 'contact' ? (
          <>
            <Form.Item name="date" label="日期" rules={required('请填写日期')}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="form" label="方式">
              <Radio.Group options={['走访', '电话', '座谈', '书面'].map((v) => ({ value: v, label: v }))} />
            </Form.Item>
            <Form.Item name="people" label="参加人员" rules={required('请填写参加人员')}>
              <Input />
            </Form.Item>
            <Form.Item name="summary" label="沟通情况" rules={required('请填写沟通情况')}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </>
        ) : null}
        {type === 'opinion' ? (
          <Form.Item name="text" label={`协办意见(送主办单位${state.assignment?.lead ?? ''})`} rules={required('请填写协办意见')}>
            <Input.TextArea rows={4} />
          </Form.Item>
        ) : null}
        {type === 'extend_request' ? (
          <>
            <Form.Item name="reason" label="延期理由" rules={required('请写明理由')}>
              <Input.TextArea rows={3} />
            </Form.Item>
            <Form.Item name="until" label="申请延至(最多延长3个月)">
              <Input type="date" />
            </Form.Item>
          </>
        ) : null}
        {type === 'extend_decide' ? (
          <>
            <Form.Item name="granted" label="审批意见">
              <Radio.Group options={[{ value: true, label: '批准延期' }, { value: false, label: '不予批准' }]} />
            </Form.Item>
            <Form.Item name="until" label="延至(不填则延长最长期限)">
              <Input type="date" />
            </Form.Item>
            <Form.Item name="notified" label="告知领衔人情况" rules={granted === false ? [] : required('批准延期应告知领衔人')}>
              <Input placeholder="如:已于3月2日电话告知王建华代表" />
            </Form.Item>
            <Form.Item name="note" label="说明">
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        {type === 'link_reply' ? <p>将以{fields.lead.name}为主送,起草一件“函”(答复函),草稿在公文中签发、用印后即可答复。</p> : null}
        {type === 'reply' ? (
          <>
            <Form.Item name="resultClass" label="办理结果分类" rules={required('请选择办理结果')}>
              <Radio.Group data-testid="reply-class">
                {(state.terms?.resultClasses ?? []).map((c) => (
                  <Radio key={c.code} value={c.code} style={{ display: 'block' }}>
                    {c.code}类:{c.label}
                  </Radio>
                ))}
              </Radio.Group>
            </Form.Item>
            <Form.Item name="publish" valuePropName="checked">
              <Checkbox>答复内容可以公开</Checkbox>
            </Form.Item>
          </>
        ) : null}
        {type === 'satisfaction' ? (
          <>
            <Form.Item name="level" label={`${fields.lead.name}的反馈`} rules={required('请选择')}>
              <Radio.Group options={['满意', '基本满意', '不满意'].map((v) => ({ value: v, label: v }))} data-testid="satisfaction-level" />
            </Form.Item>
            <Form.Item name="date" label="反馈日期" rules={required('请填写日期')}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="note" label="意见">
              <Input.TextArea rows={2} />
            </Form.Item>
          </>
        ) : null}
        {type === 'redo' || type === 'close' ? (
          <Form.Item name="note" label={type === 'redo' ? '重新办理要求' : '办结说明'}>
            <Input.TextArea rows={2} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
