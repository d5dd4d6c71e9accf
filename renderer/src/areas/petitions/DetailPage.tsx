import { Button, Card, Descriptions, Modal, Select, Skeleton, Space, Table, Timeline, message } from 'antd';
import { useState } from 'react';
import type { PersonInput } from '../../../../core/petitions/model';
import { DECRYPT_REASONS } from '../../../../core/petitions/events';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { ActionBar } from './ActionBar';
import { AttachmentsCard } from './AttachmentsCard';
import { NoticesCard } from './NoticesCard';
import { LinkButton } from './LinkButton';

const FIELD_LABEL: Record<string, string> = { name: '姓名', idNumber: '身份证号', phone: '联系电话', address: '住址', attachment: '附件' };

/** One case: masked petitioners (revealed with a reason, audited), limits, actions, history and the audit trail. */
export function PetitionDetailPage({ id }: { id: string }) {
  const { data, error, reload } = useQuery(id, () => api.petitions.get({ id }), { live: (ids) => ids.includes(id) });
  const [revealed, setRevealed] = useState<Partial<PersonInput>[] | null>(null);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState<(typeof DECRYPT_REASONS)[number]>('办理需要');
  const reveal = async () => {
    const r = await api.petitions.reveal({ id, reason, fields: ['name', 'idNumber', 'phone', 'address'] });
    setAsking(false);
    if (r.ok) { setRevealed(r.value); reload(); } else void message.error(r.error.message);
  };
  if (!data) return <div><PageHeader title="信访事项" /><ErrorAlert error={error} onRetry={reload} />{error ? null : <Skeleton active />}</div>;
  const persons = revealed ?? data.persons;
  return (
    <div>
      <PageHeader title={`信访事项(${data.status})`} extra={<Button href="#/petitions">返回列表</Button>} />
      <ErrorAlert error={error} onRetry={reload} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions bordered size="small" column={2} items={[
          { key: 'c', label: '来源渠道', children: data.channel + (data.hotlineType ? `(${data.hotlineType})` : '') },
          { key: 'k', label: '类别', children: data.category },
          { key: 'l', label: '问题属地', children: data.locality || '—' },
          { key: 'u', label: '承办单位', children: data.unit ?? '未交办' },
          { key: 'm', label: '信访事项', children: data.matter, span: 2 },
        ]} />
        <Table style={{ marginTop: 16 }} size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={persons} data-testid="persons"
          title={() => (data.anonymous ? '匿名信访' : <>信访人 {data.canDecrypt && !revealed ? <Button size="small" onClick={() => setAsking(true)}>查看个人信息</Button> : null}</>)}
          columns={[{ title: '姓名', dataIndex: 'name' }, { title: '身份证号', dataIndex: 'idNumber' }, { title: '联系电话', dataIndex: 'phone' }, { title: '住址', dataIndex: 'address' }]} />
        <div style={{ marginTop: 16 }}><Space wrap><ActionBar detail={data} onDone={reload} /><LinkButton detail={data} onDone={reload} /></Space></div>
      </Card>
      <NoticesCard detail={data} onDone={reload} />
      <AttachmentsCard detail={data} onDone={reload} />
      <Card title="办理时限" style={{ marginBottom: 16 }}>
        <Table size="small" rowKey="name" pagination={false} dataSource={data.deadlines} columns={[{ title: '环节', dataIndex: 'name' }, { title: '期限', dataIndex: 'due' }, { title: '依据', dataIndex: 'rule' }, { title: '状态', dataIndex: 'done', render: (d: boolean) => (d ? '已完成' : '进行中') }]} />
      </Card>
      <Card title="办理记录" style={{ marginBottom: 16 }}>
        <Timeline items={data.history.map((h, i) => ({ key: i, children: `${new Date(h.at).toLocaleString('zh-CN')} ${h.by} ${h.label}${h.note ? `:${h.note}` : ''}` }))} />
      </Card>
      <Card title="个人信息查看记录">
        <Table size="small" rowKey="at" pagination={false} dataSource={data.audit} columns={[{ title: '时间', dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString('zh-CN') }, { title: '查看人', dataIndex: 'name' }, { title: '事由', dataIndex: 'reason' }, { title: '字段', dataIndex: 'fields', render: (f: string[]) => f.map((x) => FIELD_LABEL[x] ?? x).join('、') }]} />
      </Card>
      <Modal open={asking} title="查看信访人个人信息" okText="查看" cancelText="取消" onOk={() => void reveal()} onCancel={() => setAsking(false)}>
        <p>查看将留痕并同步至信访部门。请选择查看事由:</p>
        <Select style={{ width: 200 }} value={reason} onChange={setReason} options={DECRYPT_REASONS.map((r) => ({ value: r, label: r }))} />
      </Modal>
    </div>
  );
}
