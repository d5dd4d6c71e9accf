import { Card, Checkbox, DatePicker, Descriptions, Flex, Form, Input, Radio, Select, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import type { IncomingWorkflow } from '../../../../core/incoming/view';
import type { Result } from '../../../../core/result';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { formatTime } from '../../shared/format';
import { useSession } from '../settings/sessionStore';
import { OpinionField, StepButton } from './StepButton';
import { OriginalLink } from './OriginalLink';

/**
 * The 收文 workflow: 签收 (or 退回), 登记 with its 收文号, 初审, 拟办, 批办 (主办/协办, 传阅, 转督办),
 * 阅毕, 催办, 办结, 归档 — and where every 传阅 copy is.
 */
export function IncomingWorkflowPanel({ flow, onChange }: { flow: IncomingWorkflow; onChange: (w: IncomingWorkflow) => void }) {
  const { info } = useSession();
  const users = info?.users ?? [];
  const person = (login: string) => {
    const u = users.find((x) => x.login === login)!;
    return { login: u.login, name: u.name, unit: u.unit };
  };
  const refresh = async <T,>(r: Result<T>): Promise<Result<T>> => {
    if (r.ok) {
      const w = await api.incoming.workflow({ id: flow.id });
      if (w.ok) onChange(w.value);
    }
    return r;
  };
  const act = (type: string, payload: Record<string, unknown>, basis: string | null = flow.head) => api.records.act({ id: flow.id, basis, type, payload }).then(refresh);
  const units = [...new Set(users.map((u) => u.unit).filter(Boolean))];
  const buttons = flow.actions.map((type) => {
    switch (type) {
      case 'receive':
        return <StepButton key={type} label="签收" testId="step-receive" primary run={() => act('receive', {})} />;
      case 'send_back':
        return <StepButton<{ reason: string }> key={type} label="退回" testId="step-send-back" danger form={<Form.Item name="reason" label="退回原因" rules={[{ required: true, message: '请说明退回原因' }]}><Input.TextArea rows={3} /></Form.Item>} run={(v) => act('send_back', v)} />;
      case 'register':
        return (
          <StepButton<{ fromUnit: string; fromDocNumber?: string; urgency?: '' | '加急' | '特急'; dueDate?: Dayjs }>
            key={type}
            label="登记"
            testId="step-register"
            primary
            form={
              <>
                <Form.Item name="fromUnit" label="来文单位" initialValue={flow.source?.unit} rules={[{ required: true, message: '请填写来文单位' }]}>
                  <Input data-testid="register-from" />
                </Form.Item>
                <Form.Item name="fromDocNumber" label="来文字号" initialValue={flow.source?.docNumber}>
                  <Input />
                </Form.Item>
                <Form.Item name="urgency" label="紧急程度" initialValue="">
                  <Select options={[{ value: '', label: '平件' }, { value: '加急', label: '加急' }, { value: '特急', label: '特急' }]} />
                </Form.Item>
                <Form.Item name="dueDate" label="办理时限">
                  <DatePicker data-testid="register-due" />
                </Form.Item>
              </>
            }
            run={(v) => api.incoming.register({ id: flow.id, basis: flow.head, fromUnit: v.fromUnit, fromDocNumber: v.fromDocNumber ?? '', urgency: v.urgency ?? '', dueDate: v.dueDate ? v.dueDate.format('YYYY-MM-DD') : null }).then(refresh)}
          />
        );
      case 'review':
        return (
          <StepButton<{ decision: 'pass' | 'return'; opinion?: string }>
            key={type}
            label="初审"
            testId="step-review"
            primary
            form={
              <>
                <Form.Item name="decision" label="初审结果" initialValue="pass">
                  <Radio.Group options={[{ value: 'pass', label: '符合要求' }, { value: 'return', label: '不符合要求,退回' }]} />
                </Form.Item>
                <OpinionField label="意见或退回原因" />
              </>
            }
            run={(v) => act('review', { decision: v.decision, opinion: v.opinion ?? '' })}
          />
        );
      case 'propose':
        return <StepButton<{ opinion: string }> key={type} label="拟办" testId="step-propose" primary form={<OpinionField label="拟办意见" required />} run={(v) => act('propose', v)} />;
      case 'instruct':
        return (
          <StepButton<{ instruction: string; lead?: string; assist?: string[]; readers?: string[]; supervise?: boolean }>
            key={type}
            label="批办"
            testId="step-instruct"
            primary
            form={
              <>
                <Form.Item name="instruction" label="批办意见" rules={[{ required: true, message: '请填写批办意见' }]}>
                  <Input.TextArea rows={3} data-testid="instruct-text" />
                </Form.Item>
                <Form.Item name="lead" label="主办单位">
                  <Select allowClear options={units.map((u) => ({ value: u, label: u }))} />
                </Form.Item>
                <Form.Item name="assist" label="协办单位">
                  <Select mode="multiple" options={units.map((u) => ({ value: u, label: u }))} />
                </Form.Item>
                <Form.Item name="readers" label="传阅">
                  <Select mode="multiple" data-testid="instruct-readers" options={users.map((u) => ({ value: u.login, label: `${u.name}(${u.unit})` }))} />
                </Form.Item>
                <Form.Item name="supervise" valuePropName="checked">
                  <Checkbox>转督查室立项督办</Checkbox>
                </Form.Item>
              </>
            }
            run={(v) => act('instruct', { instruction: v.instruction, lead: v.lead ?? null, assist: v.assist ?? [], readers: (v.readers ?? []).map(person), supervise: v.supervise ?? false })}
          />
        );
      case 'circulate':
        return (
          <StepButton<{ readers: string[] }>
            key={type}
            label="传阅"
            testId="step-circulate"
            form={<Form.Item name="readers" label="传阅人" rules={[{ required: true, message: '请选择传阅人' }]}><Select mode="multiple" data-testid="circulate-readers" options={users.map((u) => ({ value: u.login, label: `${u.name}(${u.unit})` }))} /></Form.Item>}
            run={(v) => act('circulate', { readers: v.readers.map(person) }, null)}
          />
        );
      case 'read':
        return flow.copies.some((c) => c.login === info?.current.login && c.readAt === null) ? <StepButton<{ opinion?: string }> key={type} label="阅毕" testId="step-read" primary form={<OpinionField label="阅文意见(可不填)" />} run={(v) => act('read', { opinion: v.opinion ?? '' }, null)} /> : null;
      case 'urge':
        return <StepButton<{ note?: string }> key={type} label="催办" testId="step-urge" form={<OpinionField label="催办说明" />} run={(v) => act('urge', { note: (v as { opinion?: string }).opinion ?? '' }, null)} />;
      case 'complete':
        return <StepButton<{ opinion?: string }> key={type} label="办结" testId="step-complete" primary form={<OpinionField label="办理结果" />} run={(v) => act('complete', { summary: v.opinion ?? '' })} />;
      case 'archive':
        return <StepButton<{ opinion?: string }> key={type} label="归档" testId="step-archive" form={<OpinionField label="备注" />} run={(v) => act('archive', { note: v.opinion ?? '' })} />;
      case 'supervise':
        return flow.instruction ? (
          <StepButton<{ title: string; lead: string[]; deadline?: Dayjs }>
            key={type}
            label="批办转督办"
            testId="step-supervise"
            form={
              <>
                <Form.Item name="title" label="督办事项" initialValue={flow.instruction.text} rules={[{ required: true, message: '请填写督办事项' }]}>
                  <Input.TextArea rows={2} />
                </Form.Item>
                <Form.Item name="lead" label="牵头单位" initialValue={flow.lead ? [flow.lead] : []} rules={[{ required: true, message: '请选择牵头单位' }]}>
                  <Select mode="tags" options={units.map((u) => ({ value: u, label: u }))} />
                </Form.Item>
                <Form.Item name="deadline" label="完成时限" initialValue={null}>
                  <DatePicker />
                </Form.Item>
              </>
            }
            run={(v) => api.incoming.toSupervision({ id: flow.id, items: [{ title: v.title, lead: v.lead, responsible: [], deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : null }] }).then(refresh)}
          />
        ) : null;
      default:
        return null;
    }
  });
  const step = (label: string, s: { name: string; at: string; text: string } | null) => (s ? { key: label, label, children: `${s.name} ${formatTime(s.at)}${s.text ? `:${s.text}` : ''}` } : null);
  const items = [
    flow.source ? { key: 'source', label: '来文', children: `${flow.source.unit} ${flow.source.docNumber}(${flow.source.role})` } : null,
    step('签收', flow.received),
    flow.registration ? { key: 'reg', label: '收文号', children: <span data-testid="receipt-no">{flow.registration.receiptNo}{flow.registration.local ? <Tag style={{ marginLeft: 6 }}>本地编号</Tag> : null}{flow.registration.dueDate ? ` 办理时限 ${flow.registration.dueDate}` : ''}</span> } : null,
    flow.registration?.original ? { key: 'original', label: '原件', children: <OriginalLink original={flow.registration.original} /> } : null,
    step('初审', flow.review),
    step('拟办', flow.proposal),
    step('批办', flow.instruction),
    flow.lead || flow.assist.length ? { key: 'units', label: '承办', children: `主办:${flow.lead ?? '—'};协办:${flow.assist.join('、') || '—'}` } : null,
    step('退回', flow.returned),
    ...flow.urges.map((u, i) => step(`催办${i + 1}`, u)),
    step('办结', flow.completion),
    step('归档', flow.archived),
    flow.supervisionItems.length ? { key: 'sup', label: '督办事项', children: flow.supervisionItems.map((s) => <Typography.Link key={s.id} href={buildHash(['supervision', s.id])} style={{ marginRight: 8 }}>{s.title ?? s.id}</Typography.Link>) } : null,
  ].filter((x): x is NonNullable<typeof x> => x !== null);
  return (
    <Card title="办理流程" data-testid="incoming-workflow" extra={<Tag color={flow.phase === 'delivered' ? 'orange' : 'blue'} data-testid="incoming-phase">{flow.phaseLabel}</Tag>}>
      {items.length ? <Descriptions size="small" column={1} items={items} /> : null}
      <Flex gap={8} wrap style={{ margin: '12px 0' }} data-testid="incoming-steps">
        {buttons}
      </Flex>
      {flow.copies.length > 0 ? (
        <Table
          size="small"
          rowKey={(c) => `${c.login}-${c.sentAt}`}
          pagination={false}
          data-testid="circulation"
          title={() => `传阅情况:${flow.copies.filter((c) => c.readAt).length}/${flow.copies.length} 已阅`}
          dataSource={flow.copies}
          columns={[
            { title: '传阅人', key: 'who', render: (_: unknown, c) => `${c.name}(${c.unit})` },
            { title: '送阅时间', dataIndex: 'sentAt', width: 150, render: formatTime },
            { title: '状态', key: 'state', width: 150, render: (_: unknown, c) => (c.readAt ? <Tag color="green">阅毕 {formatTime(c.readAt)}</Tag> : <Tag color="orange">未阅</Tag>) },
            { title: '意见', dataIndex: 'opinion' },
          ]}
        />
      ) : null}
    </Card>
  );
}
