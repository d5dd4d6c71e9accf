import { Card, Descriptions, Table, Tag } from 'antd';
import type { RecordHistoryEntry } from '../../../../core/ipc/records';
import { signatureLabel } from '../../../../core/kernel/signature-status';
import type { ProposalState } from '../../../../core/proposals/state';
import { formatTime } from '../../shared/format';

/** 办理情况 (what was decided, said and answered) and 办理记录 (every event, signed, in order). */
export function HandlingRecord({ state, history }: { state: ProposalState; history: readonly RecordHistoryEntry[] }) {
  const items = [
    ...state.adjustRequests.map((r) => ({
      key: r.eventId,
      label: `调整申请(${r.unit})`,
      children: `${r.on}:${r.reason}${r.suggestion ? `;${r.suggestion}` : ''}${r.decision ? ` —— ${r.decision.granted ? '已同意' : '未同意'}(${r.decision.on}${r.decision.note ? `,${r.decision.note}` : ''})` : ' —— 待审定'}`,
    })),
    ...state.contacts.map((c) => ({ key: c.eventId, label: `沟通面商(${c.form})`, children: `${c.date},${c.people}:${c.summary}` })),
    ...state.opinions.map((o) => ({ key: o.eventId, label: `协办意见(${o.unit})`, children: `${o.on}:${o.text}` })),
    ...(state.extension
      ? [
          {
            key: state.extension.eventId,
            label: '延期',
            children: `${state.extension.on}申请:${state.extension.reason}${state.extension.decision ? ` —— ${state.extension.decision.granted ? `已批准${state.extension.decision.until ? `延至${state.extension.decision.until}` : ''},${state.extension.decision.notified}` : '未批准'}` : ' —— 待审批'}`,
          },
        ]
      : []),
    ...state.replies.map((r) => ({ key: r.eventId, label: `第${r.round}次答复`, children: `${r.on},${r.resultClass}类(${r.classLabel}),${r.publish ? '可公开' : '不公开'}` })),
    ...state.satisfactions.map((s) => ({ key: s.eventId, label: `第${s.round}次满意度`, children: `${s.level}(${s.date}${s.note ? `,${s.note}` : ''})` })),
  ];
  return (
    <>
      {items.length ? (
        <Card title="办理情况" size="small">
          <Descriptions bordered size="small" column={1} items={items} data-testid="proposal-handling" />
        </Card>
      ) : null}
      <Card title="办理记录" size="small">
        <Table
          size="small"
          rowKey={(h) => h.event.id}
          pagination={false}
          dataSource={[...history]}
          data-testid="proposal-history"
          columns={[
            { key: 'at', title: '时间', width: 150, render: (_, h) => formatTime(h.event.at) },
            { key: 'label', title: '操作', width: 110, render: (_, h) => h.label },
            { key: 'by', title: '办理人', render: (_, h) => (h.event.by ? `${h.event.by.name}(${h.event.by.unit})` : h.event.actor) },
            {
              key: 'status',
              title: '状态',
              width: 220,
              render: (_, h) => (
                <>
                  {h.applied ? null : <Tag color="red">{h.conflict ?? '未生效'}</Tag>}
                  {h.status === 'pending' ? <Tag>待同步</Tag> : null}
                  <Tag color={h.signature.status === 'valid' ? 'green' : 'default'}>{signatureLabel(h.signature)}</Tag>
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
