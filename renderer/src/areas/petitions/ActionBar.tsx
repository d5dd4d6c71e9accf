import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, message } from 'antd';
import { useState } from 'react';
import type { PetitionDetail } from '../../../../core/ipc/petitions';
import { DEMO_USERS } from '../../../../core/directory/demo-users';
import { api } from '../../bridge';
import { ACTION_FORMS, type ActionField } from './action-forms';

/** Form.Item hands its child `value`, `onChange` and `id`: they are passed on to the control. */
function FieldInput({ f, ...control }: { f: ActionField } & Record<string, unknown>) {
  if (f.kind === 'textarea') return <Input.TextArea rows={3} {...control} />;
  if (f.kind === 'number') return <InputNumber min={1} max={30} {...control} />;
  if (f.kind === 'date') return <DatePicker {...control} />;
  if (f.kind === 'select') return <Select options={(f.options ?? []).map((o) => ({ value: o, label: o }))} {...control} />;
  return <Input {...control} />;
}

/** The actions this identity may take now (from the area's `can`), each with its form. */
export function ActionBar({ detail, onDone }: { detail: PetitionDetail; onDone: () => void }) {
  const [open, setOpen] = useState<string | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const run = async () => {
    const values = await form.validateFields();
    const payload = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v && typeof v === 'object' && 'format' in v ? (v as { format: (f: string) => string }).format('YYYY-MM-DD') : v]));
    const r = open === 'assign'
      ? await api.petitions.assign({ id: detail.id, mode: payload.mode as '交办', unit: String(payload.unit), handler: (payload.handler as string | undefined) ?? null })
      : await api.records.act({ id: detail.id, basis: detail.head, type: open!, payload });
    if (!r.ok) return void message.error(r.error.message);
    setOpen(null);
    form.resetFields();
    onDone();
  };
  const forms = [...ACTION_FORMS.slice(0, 2), { type: 'assign', label: '转送交办', fields: [] }, ...ACTION_FORMS.slice(2)].filter((a) => detail.allowed.includes(a.type));
  const spec = ACTION_FORMS.find((a) => a.type === open);
  const units = [...new Set(DEMO_USERS.filter((u) => u.role === 'unit_staff').map((u) => u.unit))];
  return (
    <>
      <Space wrap>{forms.map((a) => <Button key={a.type} onClick={() => setOpen(a.type)}>{a.label}</Button>)}</Space>
      <Modal open={open !== null} title={open === 'assign' ? '转送交办' : spec?.label} onOk={() => void run()} onCancel={() => setOpen(null)} okText="确定" cancelText="取消" destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ mode: '交办' }}>
          {open === 'assign' ? (
            <>
              <Form.Item name="mode" label="方式"><Select options={[{ value: '交办', label: '交办' }, { value: '转送', label: '转送' }]} /></Form.Item>
              <Form.Item name="unit" label="承办单位" rules={[{ required: true }]}><Select options={units.map((u) => ({ value: u, label: u }))} /></Form.Item>
              <Form.Item name="handler" label="承办人(可查看信访人信息)"><Select allowClear options={DEMO_USERS.filter((u) => u.role === 'unit_staff').map((u) => ({ value: u.login, label: `${u.name}(${u.unit})` }))} /></Form.Item>
            </>
          ) : (spec?.fields ?? []).map((f) => <Form.Item key={f.name} name={f.name} label={f.label} rules={f.name === 'note' ? [] : [{ required: true, message: `请填写${f.label}` }]}><FieldInput f={f} /></Form.Item>)}
        </Form>
      </Modal>
    </>
  );
}
