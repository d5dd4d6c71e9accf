import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, DatePicker, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ReportCycle } from '../../../../../core/calendar/report-cycle';
import type { SupervisionDetail } from '../../../../../core/ipc/supervision';
import { demoContactOf } from '../../../../../core/supervision/demo-users';
import { ASSIGNMENT_ROLE_LABEL, DEFAULT_ACKNOWLEDGE_DAYS, DEFAULT_REPORT_CYCLE, type AssignmentRole } from '../../../../../core/supervision/events';
import { api } from '../../../bridge';
import { useUnitOptions } from '../useUnitOptions';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './types';
import { useAct } from './useAct';

interface Row {
  unit: string;
  role: AssignmentRole;
  contact?: string;
  phone?: string;
  part?: string;
}
interface Values {
  assignments: Row[];
  deadline: Dayjs | null;
  acknowledgeDays: number;
  cycleKind: ReportCycle['kind'];
  cycleValue: number;
  note?: string;
}

const contactOf = (unit: string) => demoContactOf(unit)?.name ?? '';

/** Already assigned units (追加交办 edits them), else the 分工 as written. */
function initialRows(d: SupervisionDetail): Row[] {
  if (d.assignments.length) return d.assignments.map(({ unit, role, contact, phone, part }) => ({ unit, role, contact, phone, part }));
  const lead = d.lead.map((unit): Row => ({ unit, role: 'lead', contact: contactOf(unit) }));
  const rest = d.responsible.filter((u) => !d.lead.includes(u)).map((unit): Row => ({ unit, role: 'responsible', contact: contactOf(unit) }));
  return lead.length + rest.length ? [...lead, ...rest] : [{ unit: '', role: 'lead' }];
}

function cycleOf(kind: ReportCycle['kind'], value: number): ReportCycle {
  if (kind === 'weekly') return { kind, weekday: Math.min(7, Math.max(1, value)) };
  if (kind === 'monthly') return { kind, day: Math.min(31, Math.max(1, value)) };
  return { kind, everyWorkingDays: Math.max(1, value) };
}

const cycleValue = (c: ReportCycle) => (c.kind === 'weekly' ? c.weekday : c.kind === 'monthly' ? c.day : c.everyWorkingDays);

/** 交办 (and 追加交办): units with their role, contact and part; 签收时限; 反馈周期. */
export function AssignModal({ detail, open, onClose, onDone }: ActionProps) {
  const [form] = Form.useForm<Values>();
  const { run, busy, error, clearError } = useAct(detail, onDone);
  const [saving, setSaving] = useState(false);
  const { message } = App.useApp();
  const units = useUnitOptions();
  const draft = detail.status === 'draft';
  const cycle = detail.reportCycle ?? DEFAULT_REPORT_CYCLE;
  const kind = Form.useWatch('cycleKind', form) ?? cycle.kind;

  const submit = async (v: Values) => {
    const deadline = v.deadline ? v.deadline.format('YYYY-MM-DD') : null;
    if (draft && deadline !== detail.deadline) {
      // The deadline is set before 交办; afterwards only an approved extension moves it. An edit
      // adds no event, so the 交办 below is still based on the same head.
      setSaving(true);
      const saved = await api.supervision.update({ id: detail.id, patch: { deadline } });
      setSaving(false);
      if (!saved.ok) return void message.error(saved.error.message);
    }
    const ok = await run(
      {
        type: 'assign',
        assignments: v.assignments.map((r) => ({
          unit: r.unit.trim(),
          role: r.role,
          contact: r.contact ?? '',
          phone: r.phone ?? '',
          part: r.part ?? '',
        })),
        acknowledgeDays: v.acknowledgeDays,
        reportCycle: cycleOf(v.cycleKind, v.cycleValue),
        note: v.note ?? '',
      },
      draft ? '已交办' : '已追加交办',
    );
    if (ok) onClose();
  };

  return (
    <ActionModal
      title={draft ? '交办' : '追加交办'}
      okText="确认交办"
      open={open}
      busy={busy || saving}
      error={error}
      width={920}
      onOk={() => form.submit()}
      onCancel={() => {
        clearError();
        onClose();
      }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="assign-form"
        onFinish={submit}
        initialValues={{
          assignments: initialRows(detail),
          deadline: detail.deadline ? dayjs(detail.deadline) : null,
          acknowledgeDays: detail.acknowledgeDays ?? DEFAULT_ACKNOWLEDGE_DAYS,
          cycleKind: cycle.kind,
          cycleValue: cycleValue(cycle),
        }}
      >
        <Typography.Paragraph type="secondary">
          牵头单位负责总体推进、报送办结申请;责任单位、协办单位按分工落实并各自签收、反馈。“市直各部门”等部门组须展开到具体单位后才能签收。
        </Typography.Paragraph>
        <Form.List name="assignments">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Flex key={field.key} gap={8} align="baseline">
                  <Form.Item name={[field.name, 'unit']} rules={[{ required: true, whitespace: true, message: '请填写单位' }]} style={{ width: 220 }}>
                    <AutoComplete options={units.options} placeholder="承办单位" filterOption />
                  </Form.Item>
                  <Form.Item name={[field.name, 'role']} style={{ width: 90 }}>
                    <Select options={Object.entries(ASSIGNMENT_ROLE_LABEL).map(([value, label]) => ({ value, label }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'contact']} style={{ width: 110 }}>
                    <Input placeholder="联系人" maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'phone']} style={{ width: 130 }}>
                    <Input placeholder="联系电话" maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'part']} style={{ flex: 1 }}>
                    <Input placeholder="分工(本单位承担的任务)" maxLength={2000} />
                  </Form.Item>
                  <MinusCircleOutlined onClick={() => remove(field.name)} aria-label="移除" />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ unit: '', role: 'responsible' })} style={{ marginBottom: 16 }}>
                添加单位
              </Button>
            </>
          )}
        </Form.List>
        <Flex gap={16} wrap>
          <Form.Item name="deadline" label="完成时限" extra={draft ? undefined : '已交办,调整时限请走延期审批'}>
            <DatePicker disabled={!draft} placeholder="无明确时限" style={{ width: 160 }} data-testid="assign-deadline" />
          </Form.Item>
          <Form.Item name="acknowledgeDays" label="签收时限(工作日)">
            <InputNumber min={1} max={30} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="cycleKind" label="反馈周期">
            <Select
              style={{ width: 120 }}
              options={[
                { value: 'weekly', label: '每周' },
                { value: 'monthly', label: '每月' },
                { value: 'custom', label: '每N个工作日' },
              ]}
            />
          </Form.Item>
          <Form.Item name="cycleValue" label={kind === 'weekly' ? '星期(1–7)' : kind === 'monthly' ? '日(1–31)' : '工作日数'}>
            <InputNumber min={1} max={kind === 'weekly' ? 7 : kind === 'monthly' ? 31 : 250} style={{ width: 120 }} />
          </Form.Item>
        </Flex>
        <Form.Item name="note" label="交办意见">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} placeholder="可不填" />
        </Form.Item>
      </Form>
    </ActionModal>
  );
}
