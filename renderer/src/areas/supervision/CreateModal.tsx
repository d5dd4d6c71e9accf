import { App, AutoComplete, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { SupervisionDetail } from '../../../../core/ipc/contract';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { cleanUnits } from './patch';
import { UnitSelect } from './UnitSelect';
import { useUnitOptions } from './useUnitOptions';

interface CreateValues {
  title: string;
  code?: string;
  section?: string;
  lead?: string[];
  responsible?: string[];
  deadline?: Dayjs | null;
  body?: string;
}

interface Props {
  open: boolean;
  sections: string[];
  onClose: () => void;
  onCreated: (detail: SupervisionDetail) => void;
}

/** 新建督办事项 (supervision.create). Errors stay in the dialog so nothing typed is lost. */
export function CreateModal({ open, sections, onClose, onCreated }: Props) {
  const [form] = Form.useForm<CreateValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const { message } = App.useApp();
  const units = useUnitOptions();

  const submit = async (values: CreateValues) => {
    setSaving(true);
    setError(null);
    const result = await api.supervision.create({
      title: values.title.trim(),
      code: values.code?.trim() ?? '',
      section: values.section?.trim() ?? '',
      lead: cleanUnits(values.lead ?? []),
      responsible: cleanUnits(values.responsible ?? []),
      deadline: values.deadline ? values.deadline.format('YYYY-MM-DD') : null,
      body: values.body ?? '',
    });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      message.error(result.error.message);
      return;
    }
    message.success('督办事项已创建');
    form.resetFields();
    onCreated(result.value);
  };

  return (
    <Modal
      title="新建督办事项"
      open={open}
      width={720}
      okText="创建"
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      <ErrorAlert error={units.error} />
      <Form<CreateValues> form={form} layout="vertical" onFinish={submit} data-testid="create-form">
        <Form.Item name="title" label="事项" rules={[{ required: true, whitespace: true, message: '请填写督办事项' }, { max: 200 }]}>
          <Input placeholder="督办事项名称" />
        </Form.Item>
        <Form.Item name="code" label="编号" rules={[{ max: 40 }]}>
          <Input placeholder="如 一(一)1,可不填" />
        </Form.Item>
        <Form.Item name="section" label="所属部分">
          <AutoComplete options={sections.map((s) => ({ value: s }))} placeholder="选择或填写所属部分" />
        </Form.Item>
        <Form.Item name="lead" label="牵头单位">
          <UnitSelect units={units.options} placeholder="从通讯录选择,或直接输入" />
        </Form.Item>
        <Form.Item name="responsible" label="责任单位">
          <UnitSelect units={units.options} placeholder="从通讯录选择,或直接输入" />
        </Form.Item>
        <Form.Item name="deadline" label="完成时限">
          <DatePicker placeholder="不填表示无明确时限" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="body" label="正文">
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} placeholder="督办事项的具体内容" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
