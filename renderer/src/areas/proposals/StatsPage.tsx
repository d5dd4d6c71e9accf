import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Segmented, Skeleton, Statistic, Table } from 'antd';
import { useState } from 'react';
import type { ProposalStats } from '../../../../core/proposals/contract';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { navigate } from '../../router/useRoute';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { Chart } from '../dashboard/Chart';
import { LIGHT_COLOR, lightLabel } from '../supervision/labels';

/** 办理统计 in 一屏通览 style: totals, by unit, by result class, by satisfaction, lights; every segment drills down to the list. */
const drill = (query: Record<string, string>) => navigate(buildHash(['proposals'], query));
const pct = (n: number | null) => (n === null ? '—' : `${Math.round(n * 1000) / 10}%`);
const LIGHT_HEX: Record<string, string> = { red: '#f5222d', gold: '#faad14', green: '#52c41a', default: '#bfbfbf' };

function pie(data: { name: string; value: number; key: string; color?: string }[]) {
  return {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['40%', '70%'], label: { formatter: '{b}: {c}' }, data: data.map((d) => ({ ...d, ...(d.color ? { itemStyle: { color: d.color } } : {}) })) }],
  };
}

export function ProposalStatsPage() {
  const [category, setCategory] = useState<'全部' | '建议' | '提案'>('全部');
  const input = category === '全部' ? {} : { category };
  const stats = useQuery(JSON.stringify(input), () => api.proposals.stats(input), { live: true });
  const base: Record<string, string> = category === '全部' ? {} : { category };
  return (
    <div data-testid="proposal-stats">
      <PageHeader
        title="建议提案办理统计"
        extra={
          <Button icon={<ArrowLeftOutlined />} href={buildHash(['proposals'])}>
            返回列表
          </Button>
        }
      />
      <Segmented options={['全部', '建议', '提案']} value={category} onChange={(v) => setCategory(v as typeof category)} style={{ marginBottom: 16 }} />
      <ErrorAlert error={stats.error} onRetry={stats.reload} />
      {stats.data ? <Board s={stats.data} base={base} /> : <Skeleton active />}
    </div>
  );
}

function Board({ s, base }: { s: ProposalStats; base: Record<string, string> }) {
  const satisfied = s.bySatisfaction.filter((x) => x.level !== '不满意').reduce((n, x) => n + x.count, 0);
  const rated = s.bySatisfaction.reduce((n, x) => n + x.count, 0);
  const units = s.byUnit.slice(0, 15);
  return (
    <Row gutter={[16, 16]}>
      {(
        [
        { title: '登记总数', value: s.total, query: {} },
        { title: '已答复', value: s.replied, query: {} },
        { title: '按期答复率', value: pct(s.onTimeRate), query: { onTime: '1' } },
        { title: '已办结', value: s.closed, query: { status: 'closed' } },
        { title: '满意和基本满意', value: rated ? pct(satisfied / rated) : '—', query: {} },
        ] as { title: string; value: number | string; query: Record<string, string> }[]
      ).map((c) => (
        <Col key={c.title} xs={12} md={8} lg={4}>
          <Card hoverable onClick={() => drill({ ...base, ...c.query })}>
            <Statistic title={c.title} value={c.value} />
          </Card>
        </Col>
      ))}
      <Col xs={24} lg={14}>
        <Card title="按主办单位" size="small">
          <Chart
            testId="proposal-chart-units"
            height={320}
            option={{
              tooltip: { trigger: 'axis' },
              legend: { bottom: 0 },
              grid: { left: 140, right: 24, top: 8, bottom: 40 },
              xAxis: { type: 'value', minInterval: 1 },
              yAxis: { type: 'category', inverse: true, data: units.map((u) => u.unit) },
              series: [
                { id: 'closed', name: '已办结', type: 'bar', stack: 'n', data: units.map((u) => u.closed) },
                { id: 'open', name: '办理中', type: 'bar', stack: 'n', data: units.map((u) => u.total - u.closed) },
              ],
            }}
            onSelect={(c) => drill({ ...base, unit: c.name, ...(c.seriesId === 'closed' ? { status: 'closed' } : { status: 'open' }) })}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title="亮灯情况" size="small">
          <Chart
            testId="proposal-chart-lights"
            height={320}
            option={pie(s.byLight.map((l) => ({ name: lightLabel(l.light), value: l.count, key: l.light, color: LIGHT_HEX[LIGHT_COLOR[l.light]] })))}
            onSelect={(c) => c.key && drill({ ...base, light: c.key })}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="按办理结果" size="small">
          <Chart testId="proposal-chart-classes" option={pie(s.byClass.map((c) => ({ name: `${c.code}类 ${c.label}`, value: c.count, key: c.code })))} onSelect={(c) => c.key && drill({ ...base, resultClass: c.key })} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="按满意度" size="small">
          <Chart testId="proposal-chart-satisfaction" option={pie(s.bySatisfaction.map((x) => ({ name: x.level, value: x.count, key: x.level })))} onSelect={(c) => c.key && drill({ ...base, satisfaction: c.key })} />
        </Card>
      </Col>
      <Col span={24}>
        <Card title="承办单位办理情况" size="small">
          <Table
            size="small"
            rowKey="unit"
            pagination={false}
            dataSource={s.byUnit}
            data-testid="proposal-unit-table"
            columns={[
              { key: 'unit', title: '主办单位', render: (_, u) => <a onClick={() => drill({ ...base, unit: u.unit })}>{u.unit}</a> },
              { key: 'total', title: '主办件数', width: 100, render: (_, u) => u.total },
              { key: 'replied', title: '已答复', width: 90, render: (_, u) => u.replied },
              { key: 'onTime', title: '按期答复率', width: 110, render: (_, u) => pct(u.replied ? u.onTime / u.replied : null) },
              { key: 'closed', title: '已办结', width: 90, render: (_, u) => u.closed },
              { key: 'satisfied', title: '满意/基本满意', width: 120, render: (_, u) => u.satisfied },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
