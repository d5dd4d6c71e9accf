import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { RecordDetail } from '../../../../core/ipc/records';
import type { ProposalView } from '../../../../core/proposals/contract';
import { proposalFieldsOf, type ProposalFields } from '../../../../core/proposals/model';
import type { ProposalState } from '../../../../core/proposals/state';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { useSession } from '../settings/sessionStore';
import { LightTag } from '../supervision/LightTag';
import { ActionModal } from './ActionModal';
import { HandlingRecord } from './HandlingRecord';
import { ACTION_LABEL, PHASE_COLOR } from './labels';
import { ReplyLetter } from './ReplyLetter';

/** One 建议/提案: what was registered, its deadlines and light, the steps open to the viewer, the 答复函, 办理情况 and 办理记录. */
export function ProposalDetailPage({ id }: { id: string }) {
  const { info } = useSession();
  const login = info?.current.login ?? '';
  const live = { live: (ids: readonly string[]) => ids.includes(id) };
  const record = useQuery(`${id}:${login}`, () => api.records.get({ id }), live);
  const view = useQuery(`${id}:${login}:view`, () => api.proposals.view({ id }), { live: true });
  const reload = () => {
    record.reload();
    view.reload();
  };
  const fields = record.data ? proposalFieldsOf(record.data.fields) : null;
  return (
    <div>
      <PageHeader
        title={fields ? `${fields.category}第${fields.number}号:${fields.title}` : '提案建议'}
        extra={
          <Button icon={<ArrowLeftOutlined />} href={buildHash(['proposals'])}>
            返回列表
          </Button>
        }
      />
      <ErrorAlert error={record.error ?? view.error} onRetry={reload} />
      {record.data && view.data && fields ? <Detail id={id} record={record.data} view={view.data} fields={fields} onChanged={reload} /> : <Skeleton active />}
    </div>
  );
}

function Detail({ id, record, view, fields, onChanged }: { id: string; record: RecordDetail; view: ProposalView; fields: ProposalFields; onChanged: () => void }) {
  const [action, setAction] = useState<string | null>(null);
  const state = view.state as unknown as ProposalState;
  const a = state.assignment;
  const people = (list: ProposalFields['cosigners']) => (list.length ? list.map((p) => p.name).join('、') : '—');
  return (
    <Flex vertical gap={16} data-testid="proposal-detail">
      <Card>
        <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
          <Tag color={fields.category === '建议' ? 'volcano' : 'geekblue'}>{fields.category}</Tag>
          {fields.key ? <Tag color="red">重点</Tag> : null}
          <Tag color={PHASE_COLOR[view.phase]} data-testid="proposal-phase">
            {view.phaseLabel}
          </Tag>
          <LightTag light={view.light} reasons={view.lightReasons} inline />
        </Flex>
        <Descriptions
          bordered
          size="small"
          column={2}
          items={[
            { key: 'session', label: '届次/会次', children: [fields.session, fields.meeting].filter(Boolean).join(' ') || '—' },
            { key: 'number', label: '编号', children: fields.number },
            { key: 'lead', label: '领衔人', children: `${fields.lead.name}${fields.lead.group ? `(${fields.lead.group})` : ''}` },
            { key: 'contact', label: '联系方式', children: fields.lead.contact || '—' },
            { key: 'cosigners', label: '附议人', span: 2, children: people(fields.cosigners) },
            { key: 'main', label: '主办单位', children: <span data-testid="proposal-main-unit">{a?.lead ?? (fields.proposedLead ? `拟:${fields.proposedLead}` : '待交办')}</span> },
            { key: 'helpers', label: '会办/协办单位', children: a ? a.helpers.join('、') || '—' : fields.proposedHelpers.length ? `拟:${fields.proposedHelpers.join('、')}` : '—' },
            { key: 'office', label: '交办部门', children: state.office ?? '—' },
            { key: 'submitted', label: '提出日期', children: fields.submittedOn ?? '—' },
            { key: 'body', label: '内容', span: 2, children: <div className="xt-doc-body">{record.body || '—'}</div> },
          ]}
        />
      </Card>
      <Card title="办理期限" size="small">
        <Table
          size="small"
          rowKey="name"
          pagination={false}
          dataSource={view.deadlines}
          locale={{ emptyText: '交办后计算期限' }}
          data-testid="proposal-deadlines"
          columns={[
            { key: 'name', title: '事项', render: (_, d) => d.name },
            { key: 'due', title: '期限', width: 120, render: (_, d) => d.due },
            { key: 'rule', title: '依据', render: (_, d) => `${d.rule}${d.estimated ? '(节假日按周一至周五估算)' : ''}` },
            { key: 'done', title: '状态', width: 90, render: (_, d) => (d.done ? <Tag color="success">已完成</Tag> : <Tag>{d.step ? '进行中' : '未完成'}</Tag>) },
          ]}
        />
        {view.adjustUntil ? <Typography.Text type="secondary">承办单位如认为不属本单位职责,可于{view.adjustUntil}前申请调整。</Typography.Text> : null}
      </Card>
      <Card title="办理" size="small">
        {view.actions.length ? (
          <Space wrap>
            {view.actions.map((t) => (
              <Button key={t} type={t === 'reply' || t === 'assign' || t === 'close' ? 'primary' : 'default'} onClick={() => setAction(t)} data-testid={`proposal-action-${t}`}>
                {ACTION_LABEL[t] ?? t}
              </Button>
            ))}
          </Space>
        ) : (
          <Typography.Text type="secondary">当前身份在此件上没有待办理的事项。</Typography.Text>
        )}
      </Card>
      {view.draft ? <ReplyLetter letter={view.draft} onChanged={onChanged} /> : null}
      <HandlingRecord state={state} history={record.history} />
      <ActionModal type={action} id={id} head={record.head} view={view} fields={fields} onClose={() => setAction(null)} onDone={() => { setAction(null); onChanged(); }} />
    </Flex>
  );
}
