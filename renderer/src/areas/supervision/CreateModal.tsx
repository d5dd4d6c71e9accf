import { App, AutoComplete, DatePicker, Flex, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { SupervisionDetail } from '../../../../core/ipc/contract';
import type { AppErrorShape } from '../../../../core/result';
import { SOURCE_KIND_LABEL, type SourceKind } from '../../../../core/supervision/model';
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
  sourceKind?: SourceKind | null;
  sourceLabel?: string;
}

interface Props {
  open: boolean;
  /** 分解: the item the new one is a sub-task of. */
  parent?: { id: string; title: string };
  sections: string[];
  onClose: () => void;
  onCreated: (detail: SupervisionDetail) => void;
}

/**
 * 新建督办事项 (立项, with its source) or 分解 (a sub-task of `parent`). Errors stay in the dialog
 * so nothing typed is lost.
 */
export function CreateModal({ open, parent, sections, onClose, onCreated }: Props) {
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
      parentId: parent?.id ?? null,
      ...(parent ? {} : { sourceKind: values.sourceKind ?? null, sourceLabel: values.sourceLabel?.trim() ?? '' }),
    });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      message.error(result.error.message);
      return;
    }
    message.success(parent ? '已分解' : '督办事项已创建');
    form.resetFields();
    onCreated(result.value);
  };

  return (
    <Modal
      title={parent ? `分解:${parent.title}` : '新建督办事项(立项)'}
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
        {parent ? null : (
          <Flex gap={12}>
            <Form.Item name="sourceKind" label="来源" style={{ width: 160 }}>
              <Select allowClear placeholder="立项依据" options={Object.entries(SOURCE_KIND_LABEL).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="sourceLabel" label="来源说明" style={{ flex: 1 }} rules={[{ max: 500 }]}>
              <Input placeholder="如:市政府第12次常务会议;王市长批示" />
            </Form.Item>
          </Flex>
        )}
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
