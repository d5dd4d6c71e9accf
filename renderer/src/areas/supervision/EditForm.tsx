import { App, Button, Card, DatePicker, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { SupervisionDetail } from '../../../../core/ipc/contract';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { diffPatch, editValuesOf, type EditValues } from './patch';
import { UnitSelect } from './UnitSelect';
import { useUnitOptions } from './useUnitOptions';

type FormValues = Omit<EditValues, 'deadline'> & { deadline: Dayjs | null };

const toForm = (v: EditValues): FormValues => ({ ...v, deadline: v.deadline ? dayjs(v.deadline) : null });
const fromForm = (v: FormValues): EditValues => ({ ...v, deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null });

interface Props {
  detail: SupervisionDetail;
  onSaved: (detail: SupervisionDetail) => void;
  onCancel: () => void;
}

/** 编辑 a 督办事项; only changed fields are sent (supervision.update). */
export function EditForm({ detail, onSaved, onCancel }: Props) {
  const [initial] = useState(() => editValuesOf(detail));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const { message } = App.useApp();
  const units = useUnitOptions();

  const save = async (values: FormValues) => {
    const patch = diffPatch(initial, fromForm(values));
    if (Object.keys(patch).length === 0) {
      message.info('没有需要保存的修改');
      onCancel();
      return;
    }
    setSaving(true);
    setError(null);
    const result = await api.supervision.update({ id: detail.id, patch });
    setSaving(false);
    if (!result.ok) {
      setError(result.error);
      message.error(`保存失败:${result.error.message}`);
      return;
    }
    message.success('保存成功');
    onSaved(result.value);
  };

  return (
    <Card title="编辑督办事项" style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} />
      <ErrorAlert error={units.error} />
      <Form<FormValues> layout="vertical" initialValues={toForm(initial)} onFinish={save} disabled={saving} data-testid="edit-form">
        <Form.Item name="title" label="事项" rules={[{ required: true, whitespace: true, message: '事项不能为空' }, { max: 200 }]}>
          <Input data-testid="edit-title" />
        </Form.Item>
        <Form.Item name="lead" label="牵头单位">
          <UnitSelect units={units.options} data-testid="edit-lead" placeholder="从通讯录选择,或直接输入" />
        </Form.Item>
        <Form.Item name="responsible" label="责任单位">
          <UnitSelect units={units.options} data-testid="edit-responsible" placeholder="从通讯录选择,或直接输入" />
        </Form.Item>
        <Form.Item name="deadline" label="完成时限">
          <DatePicker data-testid="edit-deadline" placeholder="无明确时限" style={{ width: 220 }} />
        </Form.Item>
        <Form.Item name="progressNote" label="进展情况" rules={[{ max: 20000 }]}>
          <Input.TextArea data-testid="edit-progress-note" autoSize={{ minRows: 4, maxRows: 16 }} placeholder="填报当前办理进展" />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ max: 200000 }]}>
          <Input.TextArea data-testid="edit-body" autoSize={{ minRows: 4, maxRows: 20 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="save-button">
            保存
          </Button>
          <Button onClick={onCancel} disabled={false}>
            取消
          </Button>
        </Space>
      </Form>
    </Card>
  );
}
