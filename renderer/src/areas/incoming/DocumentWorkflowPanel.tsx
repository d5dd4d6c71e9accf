import { Card, Checkbox, Descriptions, Flex, Form, Radio, Select, Table, Tag, Timeline, Typography } from 'antd';
import type { DocumentWorkflow } from '../../../../core/documents/view';
import type { DocumentStep } from '../../../../core/ipc/documents';
import type { Result } from '../../../../core/result';
import { api } from '../../bridge';
import { formatTime } from '../../shared/format';
import { useSession } from '../settings/sessionStore';
import { incomingHref } from './links';
import { OpinionField, StepButton } from './StepButton';

type Decision = { decision: string; opinion?: string };

/** The 发文 workflow: where it stands, the opinions on its way (办文单), its steps for the current identity, and where its copies went. */
export function DocumentWorkflowPanel({ flow, onChange }: { flow: DocumentWorkflow; onChange: (w: DocumentWorkflow) => void }) {
  const { info } = useSession();
  const people = (info?.users ?? []).filter((u) => u.login !== info?.current.login);
  const done = async (r: Promise<Result<DocumentWorkflow>>) => {
    const result = await r;
    if (result.ok) onChange(result.value);
    return result;
  };
  const step = (s: DocumentStep) => done(api.documents.step({ id: flow.id, basis: flow.head, step: s }));
  const decide = (type: 'review' | 'countersign' | 'issue' | 'recheck', yes: string, no: string, label: string) => (
    <StepButton<Decision>
      key={type}
      label={label}
      testId={`step-${type}`}
      primary
      form={
        <>
          <Form.Item name="decision" label="处理" initialValue={yes}>
            <Radio.Group options={[{ value: yes, label: type === 'review' ? '通过' : type === 'countersign' ? '同意' : '同意签发' }, { value: no, label: '退回修改' }]} data-testid={`step-${type}-decision`} />
          </Form.Item>
          <OpinionField />
        </>
      }
      run={(v) => step({ type, decision: v.decision, opinion: v.opinion ?? '' } as DocumentStep)}
    />
  );
  const buttons = flow.actions.map((type) => {
    switch (type) {
      case 'submit':
        return (
          <StepButton<{ reviewers?: string[]; mode?: 'serial' | 'parallel'; countersign?: string[]; opinion?: string }>
            key={type}
            label="送审"
            testId="step-submit"
            primary
            form={
              <>
                <Form.Item name="reviewers" label="核稿人(按顺序)">
                  <Select mode="multiple" data-testid="submit-reviewers" options={people.map((u) => ({ value: u.login, label: `${u.name}(${u.unit})` }))} />
                </Form.Item>
                <Form.Item name="mode" label="核稿方式" initialValue="serial">
                  <Radio.Group options={[{ value: 'serial', label: '依次核稿' }, { value: 'parallel', label: '同时核稿' }]} />
                </Form.Item>
                <Form.Item name="countersign" label="会签单位">
                  <Select mode="tags" options={[...new Set(people.map((u) => u.unit))].map((u) => ({ value: u, label: u }))} />
                </Form.Item>
                <OpinionField label="拟稿说明" />
              </>
            }
            run={(v) =>
              step({
                type: 'submit',
                reviewers: (v.reviewers ?? []).map((login) => people.find((u) => u.login === login)!).map((u) => ({ login: u.login, name: u.name, unit: u.unit })),
                mode: v.mode ?? 'serial',
                countersign: v.countersign ?? [],
                jointIssuers: [],
                opinion: v.opinion ?? '',
              })
            }
          />
        );
      case 'review':
        return decide('review', 'pass', 'return', '核稿');
      case 'countersign':
        return decide('countersign', 'agree', 'return', '会签');
      case 'issue':
        return decide('issue', 'approve', 'return', '签发');
      case 'recheck':
        return decide('recheck', 'approve', 'return', '复核');
      case 'recheck_request':
        return <StepButton key={type} label="送签发人复核" testId="step-recheck-request" run={() => step({ type: 'recheck_request' })} />;
      case 'number':
        return <StepButton key={type} label={flow.awaitingNumber ? '重新申请编号' : '编号'} testId="step-number" primary run={() => done(api.documents.number({ id: flow.id }))} />;
      case 'sign':
        return (
          <StepButton
            key={type}
            label="用印"
            testId="step-seal"
            primary
            run={async () => {
              const r = await api.signatures.sign({ id: flow.id, kind: '用印' });
              if (r.ok) await done(api.documents.workflow({ id: flow.id }));
              return r;
            }}
          />
        );
      case 'distribute':
        return (
          <StepButton<{ external?: string[] }>
            key={type}
            label="分发"
            testId="step-distribute"
            primary
            form={
              <Form.Item name="external" label="系统外单位(下载公文版式PDF)" extra="主送、抄送单位中在本系统办公的,将作为收文送达;其余按系统外单位处理">
                <Select mode="tags" />
              </Form.Item>
            }
            run={(v) => done(api.documents.distribute({ id: flow.id, external: v.external ?? [] }))}
          />
        );
      case 'withdraw':
        return (
          <StepButton<{ opinion?: string }>
            key={type}
            label="撤销草稿"
            title="撤销草稿(撤销后不再办理,从发文列表中移除)"
            testId="step-withdraw"
            danger
            form={<OpinionField label="撤销原因" />}
            run={(v) => step({ type: 'withdraw', opinion: v.opinion ?? '' })}
          />
        );
      case 'archive':
        return <StepButton<{ opinion?: string }> key={type} label="归档" testId="step-archive" form={<OpinionField label="备注" />} run={(v) => step({ type: 'archive', opinion: v.opinion ?? '' })} />;
      default:
        return null;
    }
  });
  return (
    <Card title="办文流程" data-testid="document-workflow" extra={<Tag color={flow.phase === 'archived' || flow.phase === 'withdrawn' ? 'default' : 'blue'} data-testid="document-phase">{flow.phaseLabel}</Tag>}>
      <Descriptions
        size="small"
        column={2}
        items={[
          { key: 'number', label: '发文字号', children: flow.number ? <>{flow.number.docNumber}{flow.number.local ? <Tag style={{ marginLeft: 6 }}>本地编号</Tag> : null}</> : flow.awaitingNumber ? <Tag color="orange">待编号</Tag> : '—' },
          { key: 'issue', label: '签发', children: flow.issue ? `${flow.issue.name} ${formatTime(flow.issue.at)}` : '—' },
          { key: 'reviewers', label: '核稿人', children: flow.reviewers.length ? flow.reviewers.map((r) => `${r.name}${r.passed ? '✓' : r.due ? '(待核稿)' : ''}`).join('、') : '—' },
          { key: 'source', label: '来源', children: flow.source ? <Typography.Text>{flow.source.label}</Typography.Text> : '—' },
        ]}
      />
      {flow.changedSinceIssue.length > 0 ? <Typography.Paragraph type="warning" data-testid="changed-since-issue">签发后{flow.changedSinceIssue.join('、')}有实质性修改,须送签发人复核</Typography.Paragraph> : null}
      <Flex gap={8} wrap style={{ margin: '12px 0' }} data-testid="document-steps">
        {buttons}
        {flow.actions.length === 0 ? <Typography.Text type="secondary">当前身份在此环节无可办理的操作</Typography.Text> : null}
      </Flex>
      {flow.opinions.length > 0 ? (
        <Timeline
          data-testid="document-opinions"
          items={flow.opinions.map((o) => ({ key: o.eventId, color: o.decision === 'return' ? 'red' : 'green', children: `${o.step}:${o.name}(${o.unit}) ${formatTime(o.at)} ${o.decision === 'return' ? '退回' : ''} ${o.opinion}` }))}
        />
      ) : null}
      {flow.copies.length > 0 || flow.external.length > 0 ? (
        <Table
          size="small"
          rowKey="unit"
          pagination={false}
          data-testid="document-copies"
          dataSource={[...flow.copies, ...flow.external.map((unit) => ({ unit, role: '系统外', incomingId: '', phaseLabel: '下载PDF' }))]}
          columns={[
            { title: '单位', dataIndex: 'unit' },
            { title: '方式', dataIndex: 'role', width: 90 },
            { title: '状态', key: 'p', width: 110, render: (_: unknown, c) => (c.incomingId ? <Typography.Link href={incomingHref(c.incomingId)}>{c.phaseLabel ?? '已送达'}</Typography.Link> : c.phaseLabel) },
          ]}
        />
      ) : null}
      <Checkbox checked={flow.bodyMode === 'suggest'} disabled style={{ marginTop: 8 }}>
        正文修订模式
      </Checkbox>
    </Card>
  );
}
