import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { SupervisionDetail } from '../../../../core/ipc/contract';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { diffPatch, editValuesOf, type EditValues, type MilestoneValue } from './patch';
import { UnitSelect } from './UnitSelect';
import { useUnitOptions } from './useUnitOptions';

type MilestoneRow = Omit<MilestoneValue, 'date'> & { date: Dayjs | null };
type FormValues = Omit<EditValues, 'deadline' | 'milestones'> & { deadline: Dayjs | null; milestones: MilestoneRow[] };

const toForm = (v: EditValues): FormValues => ({
  ...v,
  deadline: v.deadline ? dayjs(v.deadline) : null,
  milestones: (v.milestones ?? []).map((m) => ({ ...m, date: dayjs(m.date) })),
});
const fromForm = (v: FormValues): EditValues => ({
  ...v,
  deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null,
  milestones: (v.milestones ?? [])
    .filter((m): m is MilestoneRow & { date: Dayjs } => Boolean(m.date && m.title?.trim()))
    .map((m) => ({ ...(m.id ? { id: m.id } : {}), title: m.title, date: m.date.format('YYYY-MM-DD') })),
});

interface Props {
  detail: SupervisionDetail;
  onSaved: (detail: SupervisionDetail) => void;
  onCancel: () => void;
}

/** 编辑 a 督办事项: only changed fields are sent, with the values the form opened with (a field someone changed since is refused, the 正文 merges). */
export function EditForm({ detail, onSaved, onCancel }: Props) {
  const [initial] = useState(() => editValuesOf(detail));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const { message } = App.useApp();
  const units = useUnitOptions();
  // After 交办 the units are the assignments and the deadline moves only by an approved extension.
  const assigned = detail.status !== 'draft';

  const save = async (values: FormValues) => {
    const patch = diffPatch(initial, fromForm(values));
    if (Object.keys(patch).length === 0) {
      message.info('没有需要保存的修改');
      onCancel();
      return;
    }
    setSaving(true);
    setError(null);
    const result = await api.supervision.update({ id: detail.id, patch, base: initial });
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
        <Form.Item name="lead" label="牵头单位" extra={assigned ? '已交办,承办单位以交办为准(可追加交办)' : undefined}>
          <UnitSelect units={units.options} data-testid="edit-lead" placeholder="从通讯录选择,或直接输入" disabled={assigned} />
        </Form.Item>
        <Form.Item name="responsible" label="责任单位">
          <UnitSelect units={units.options} data-testid="edit-responsible" placeholder="从通讯录选择,或直接输入" disabled={assigned} />
        </Form.Item>
        <Form.Item name="deadline" label="完成时限" extra={assigned ? (detail.deadline ? '已交办,调整时限须经延期审批' : '已交办,请用“设定时限”设定完成时限') : undefined}>
          <DatePicker data-testid="edit-deadline" placeholder="无明确时限" style={{ width: 220 }} disabled={assigned} />
        </Form.Item>
        <Form.Item label="节点目标">
          <Form.List name="milestones">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="baseline">
                    <Form.Item name={[field.name, 'date']} noStyle rules={[{ required: true, message: '请选择日期' }]}>
                      <DatePicker style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'title']} noStyle rules={[{ required: true, whitespace: true, message: '请填写节点名称' }]}>
                      <Input placeholder="节点目标" maxLength={500} style={{ flex: 1 }} />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="移除" />
                  </Flex>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ title: '', date: null })} style={{ width: 160 }}>
                  添加节点
                </Button>
              </Flex>
            )}
          </Form.List>
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
