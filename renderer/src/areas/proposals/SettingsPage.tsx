import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Select, Skeleton } from 'antd';
import type { ProposalSettings } from '../../../../core/proposals/contract';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';

/**
 * 提案建议设置: the limits and result classes the next 交办 carries (a 交办 already made keeps its
 * own), and units added to the 承办单位名录. The liaison office and administrators may save.
 */
const LIMITS: { name: keyof ProposalSettings['terms']; label: string; unit: string }[] = [
  { name: 'adjustDays', label: '申请调整期限(交办后)', unit: '日' },
  { name: 'opinionMonths', label: '协办意见期限(交办后)', unit: '个月' },
  { name: 'replyMonths', label: '答复期限(交办后)', unit: '个月' },
  { name: 'extensionMonths', label: '延期最长', unit: '个月' },
  { name: 'satisfactionWorkingDays', label: '满意度登记期限(答复后)', unit: '个工作日' },
  { name: 'redoPushWorkingDays', label: '重新办理交办期限(反馈不满意后)', unit: '个工作日' },
  { name: 'redoMonths', label: '重新答复期限(重新交办后)', unit: '个月' },
];

export function ProposalSettingsPage() {
  const q = useQuery('proposals.settings', () => api.proposals.settings());
  const { message } = App.useApp();
  const [form] = Form.useForm<ProposalSettings>();
  const save = async (values: ProposalSettings) => {
    const r = await api.proposals.saveSettings(values);
    if (!r.ok) void message.error(r.error.message);
    else {
      q.setData(r.value);
      void message.success('已保存,此后的交办按新设置计算期限');
    }
  };
  return (
    <div>
      <PageHeader
        title="提案建议设置"
        extra={
          <Button icon={<ArrowLeftOutlined />} href={buildHash(['proposals'])}>
            返回列表
          </Button>
        }
      />
      <ErrorAlert error={q.error} onRetry={q.reload} />
      {q.data?.problem ? <Alert type="warning" showIcon title={q.data.problem} style={{ marginBottom: 16 }} /> : null}
      {q.data ? (
        <Card data-testid="proposal-settings">
          <Alert type="info" showIcon style={{ marginBottom: 16 }} title="期限随交办记录在案:修改设置只影响此后的交办,已交办的件仍按交办时的期限计算。" />
          <Form form={form} layout="vertical" initialValues={q.data.settings} onFinish={(v) => void save(v)} style={{ maxWidth: 640 }}>
            {LIMITS.map((l) => (
              <Form.Item key={l.name} name={['terms', l.name]} label={l.label} rules={[{ required: true, message: '请填写' }]}>
                <InputNumber min={1} max={60} addonAfter={l.unit} />
              </Form.Item>
            ))}
            <Form.List name={['terms', 'resultClasses']}>
              {(fields, { add, remove }) => (
                <Form.Item label="办理结果分类">
                  {fields.map((f) => (
                    <Flex key={f.key} gap={8} style={{ marginBottom: 8 }}>
                      <Form.Item name={[f.name, 'code']} noStyle rules={[{ required: true, message: '代码' }]}>
                        <Input style={{ width: 64 }} maxLength={4} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'label']} noStyle rules={[{ required: true, message: '名称' }]}>
                        <Input maxLength={40} />
                      </Form.Item>
                      <Button icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} disabled={fields.length <= 1} />
                    </Flex>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ code: '', label: '' })}>
                    增加分类
                  </Button>
                </Form.Item>
              )}
            </Form.List>
            <Form.Item name="extraUnits" label="名录外的承办单位">
              <Select mode="tags" placeholder="输入单位全称后回车" />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              保存
            </Button>
          </Form>
        </Card>
      ) : (
        <Skeleton active />
      )}
    </div>
  );
}
