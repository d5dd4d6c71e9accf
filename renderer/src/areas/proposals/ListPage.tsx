import { BarChartOutlined, DownloadOutlined, SettingOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Dropdown, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ProposalRow } from '../../../../core/proposals/contract';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { navigate } from '../../router/useRoute';
import { downloadBase64 } from '../../shared/download';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { LightTag } from '../supervision/LightTag';
import { ImportModal } from './ImportModal';
import { PHASE_COLOR } from './labels';
import { filterFromQuery, PAGE_OF } from './listQuery';

const setQuery = (query: Record<string, string>, patch: Record<string, string | undefined>) =>
  navigate(buildHash(['proposals'], { ...query, page: undefined, ...patch }), { replace: true });

const STATUS_OPTIONS = [
  { value: 'open', label: '未办结' },
  { value: 'registered', label: '待交办' },
  { value: 'handling', label: '办理中' },
  { value: 'replied', label: '已答复' },
  { value: 'dissatisfied', label: '待重新办理' },
  { value: 'redo', label: '重新办理中' },
  { value: 'rated', label: '待办结' },
  { value: 'closed', label: '已办结' },
];
const LIGHT_OPTIONS = [
  { value: 'red', label: '红灯' },
  { value: 'yellow', label: '黄灯' },
  { value: 'green', label: '绿灯' },
  { value: 'none', label: '已办结/无期限' },
];

/** 提案建议 list: filters in the URL (统计 drills down here), the light of each 件, import and 公开 export. */
export function ProposalsPage({ query }: { query: Record<string, string> }) {
  const filter = filterFromQuery(query);
  const list = useQuery(JSON.stringify(filter), () => api.proposals.list(filter), { live: true });
  const units = useQuery('proposals.units', () => api.proposals.units());
  const [importing, setImporting] = useState(false);
  const { message } = App.useApp();
  const exportAs = async (format: 'html' | 'docx') => {
    const r = await api.proposals.exportPublic({ format });
    if (!r.ok) void message.error(r.error.message);
    else downloadBase64(r.value.base64, r.value.mime, r.value.fileName);
  };
  const drilled = ['resultClass', 'satisfaction', 'onTime'].filter((k) => query[k]);

  return (
    <div>
      <PageHeader
        title="提案建议"
        sub="人大代表建议、政协委员提案的交办、办理、答复与办结"
        extra={
          <Flex gap={8}>
            <Button icon={<BarChartOutlined />} href={buildHash(['proposals', 'stats'])} data-testid="proposal-stats-link">
              办理统计
            </Button>
            <Button icon={<SettingOutlined />} href={buildHash(['proposals', 'settings'])}>
              设置
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'html', label: '导出网页(HTML)' },
                  { key: 'docx', label: '导出 Word(DOCX)' },
                ],
                onClick: ({ key }) => void exportAs(key as 'html' | 'docx'),
              }}
            >
              <Button icon={<DownloadOutlined />} data-testid="proposal-export">
                公开复文导出
              </Button>
            </Dropdown>
            <Button type="primary" icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="proposal-import-button">
              批量登记
            </Button>
          </Flex>
        }
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search allowClear placeholder="编号、标题、领衔人" defaultValue={query.q} style={{ width: 240 }} onSearch={(q) => setQuery(query, { q: q || undefined })} />
          <Select allowClear placeholder="类别" style={{ width: 100 }} value={query.category} options={[{ value: '建议' }, { value: '提案' }]} onChange={(v?: string) => setQuery(query, { category: v })} />
          <Select allowClear placeholder="状态" style={{ width: 130 }} value={query.status} options={STATUS_OPTIONS} onChange={(v?: string) => setQuery(query, { status: v })} data-testid="proposal-status-filter" />
          <Select allowClear showSearch placeholder="承办单位" style={{ width: 200 }} value={query.unit} options={(units.data ?? []).map((u) => ({ value: u }))} onChange={(v?: string) => setQuery(query, { unit: v })} />
          <Select allowClear placeholder="亮灯" style={{ width: 140 }} value={query.light} options={LIGHT_OPTIONS} onChange={(v?: string) => setQuery(query, { light: v })} />
          {drilled.length > 0 ? (
            <Tag closable onClose={() => setQuery(query, { resultClass: undefined, satisfaction: undefined, onTime: undefined })} data-testid="proposal-drill-tag">
              {[query.resultClass && `办理结果${query.resultClass}类`, query.satisfaction, query.onTime && (query.onTime === '1' ? '按期答复' : '逾期答复')].filter(Boolean).join('、')}
            </Tag>
          ) : null}
        </Flex>
        <Table<ProposalRow>
          rowKey="id"
          size="middle"
          loading={list.loading}
          dataSource={list.data?.rows ?? []}
          data-testid="proposal-table"
          pagination={{
            current: PAGE_OF(filter),
            pageSize: filter.limit,
            total: list.data?.total ?? 0,
            showTotal: (n) => `共 ${n} 件`,
            onChange: (page, pageSize) => setQuery(query, { page: String(page), pageSize: String(pageSize) }),
          }}
          columns={[
            { key: 'number', title: '编号', width: 90, render: (_, r) => r.number },
            { key: 'kind', title: '类别', width: 70, render: (_, r) => <Tag color={r.kind === '建议' ? 'volcano' : 'geekblue'}>{r.kind}</Tag> },
            {
              key: 'title',
              title: '标题',
              render: (_, r) => (
                <a href={buildHash(['proposals', r.id])} data-testid="proposal-link">
                  {r.key ? <Tag color="red">重点</Tag> : null}
                  {r.title}
                </a>
              ),
            },
            { key: 'lead', title: '领衔人', width: 90, render: (_, r) => r.lead },
            { key: 'unit', title: '主办单位', width: 150, render: (_, r) => r.mainUnit || <Typography.Text type="secondary">待交办</Typography.Text> },
            { key: 'status', title: '状态', width: 110, render: (_, r) => <Tag color={PHASE_COLOR[r.status]}>{r.statusLabel}</Tag> },
            {
              key: 'deadline',
              title: '期限',
              width: 120,
              render: (_, r) => (r.deadline ? <span title={r.deadlineRule}>{r.deadline}</span> : '—'),
            },
            { key: 'light', title: '亮灯', width: 90, render: (_, r) => <LightTag light={r.light} reasons={r.deadlineRule ? [r.deadlineRule] : []} /> },
          ]}
        />
      </Card>
      <ImportModal open={importing} onClose={() => setImporting(false)} onImported={list.reload} />
    </div>
  );
}
