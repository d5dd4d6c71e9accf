import { Button, Form, InputNumber, Modal, Space, Typography, message } from 'antd';
import { useState } from 'react';
import type { HotlineLimits } from '../../../../core/petitions/limits';
import { HotlineType } from '../../../../core/petitions/model';
import { api } from '../../bridge';
import { useSession } from '../settings/sessionStore';

type Days = Record<string, number>;
/** 0 in the form means 当日 (the day it is registered). */
const toDays = (limits: HotlineLimits): Days => Object.fromEntries(Object.entries(limits).map(([k, p]) => [k, p.unit === 'same-day' ? 0 : p.n]));
const toLimits = (days: Days) => Object.fromEntries(HotlineType.options.map((k) => [k, days[k] === 0 ? { unit: 'same-day' } : { unit: 'working-days', n: days[k] }])) as HotlineLimits;

/**
 * 12345办理时限设置, for the 信访 office and administrators: the working days per type that new
 * 工单 take at 登记 (already registered ones keep theirs).
 */
export function HotlineLimitsButton() {
  const role = useSession().info?.current.role;
  const [open, setOpen] = useState(false);
  const [defaults, setDefaults] = useState<Days | null>(null);
  const [form] = Form.useForm<Days>();
  if (role !== 'petition_office' && role !== 'admin') return null;
  const show = async () => {
    const r = await api.petitions.hotlineLimits({});
    if (!r.ok) return void message.error(r.error.message);
    form.setFieldsValue(toDays(r.value.limits));
    setDefaults(toDays(r.value.defaults));
    setOpen(true);
  };
  const save = async () => {
    // An invalid field is shown beside it by the form; nothing is saved.
    const days = await form.validateFields().catch(() => null);
    if (!days) return;
    const r = await api.petitions.setHotlineLimits(toLimits(days));
    if (!r.ok) return void message.error(r.error.message);
    void message.success('12345办理时限已保存,对此后登记的工单生效');
    setOpen(false);
  };
  return (
    <>
      <Button onClick={() => void show()}>12345办理时限</Button>
      <Modal open={open} title="12345办理时限设置" okText="保存" cancelText="取消" onOk={() => void save()} onCancel={() => setOpen(false)} destroyOnHidden>
        <Typography.Paragraph type="secondary">按工单类型设置办理时限(工作日,0 表示当日办结)。设置对此后登记的工单生效,已登记的工单仍按登记时的时限办理。</Typography.Paragraph>
        <Form form={form} layout="horizontal" labelCol={{ span: 6 }}>
          {HotlineType.options.map((type) => (
            <Form.Item key={type} label={type}>
              <Space>
                <Form.Item name={type} noStyle rules={[{ required: true, message: `请填写${type}时限` }]}>
                  <InputNumber min={0} max={60} precision={0} addonAfter="个工作日" data-testid={`hotline-limit-${type}`} />
                </Form.Item>
                {defaults ? <Typography.Text type="secondary">默认{defaults[type] === 0 ? '当日' : `${defaults[type]}个工作日`}</Typography.Text> : null}
              </Space>
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
