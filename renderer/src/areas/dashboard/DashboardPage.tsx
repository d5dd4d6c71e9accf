import { Card, Col, Empty, Row, Segmented, Statistic, Switch, Table, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { DashboardView, OverdueRow, TrendGranularity } from '../../../../core/ipc/dashboard';
import { LIGHT_LABEL, type Light } from '../../../../core/supervision/model';
import { api } from '../../bridge';
import { buildHash } from '../../router/hash';
import { navigate } from '../../router/useRoute';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { PageHeader } from '../../shared/PageHeader';
import { useQuery } from '../../shared/useQuery';
import { BriefingCard } from './BriefingCard';
import { Chart, type ChartClick } from './Chart';
import { drillHash, type Drill } from './drill';
import { LIGHT_COLOR, lightPie, rankingBars, stackedBars, statusPie, trendBars } from './options';

const LIGHTS = new Set<string>(['red', 'yellow', 'green', 'none']);
const lightOf = (click: ChartClick): Light | undefined => (click.seriesId && LIGHTS.has(click.seriesId) ? (click.seriesId as Light) : undefined);
/** Bars are drawn bottom-up (reversed), so the index counts from the end of the shown slice. */
const groupAt = <T,>(groups: readonly T[], top: number, dataIndex: number): T | undefined => groups.slice(0, top).reverse()[dataIndex];

const TOP = 15;

/** 一屏通览: the supervisor's dashboard over the local projection; every segment drills into the 督办 list. */
export function DashboardPage() {
  const [trend, setTrend] = useState<TrendGranularity>('month');
  const { data, error, loading, reload } = useQuery(`dashboard.get:${trend}`, () => api.dashboard.get({ trend }), { live: true });
  const [saving, setSaving] = useState(false);
  const open = (drill: Drill) => navigate(drillHash(drill));

  const options = useMemo(
    () =>
      data && {
        status: statusPie(data),
        light: lightPie(data),
        lead: stackedBars(data.byLead, TOP),
        responsible: stackedBars(data.byResponsible, TOP),
        section: stackedBars(data.bySection, 20, 160),
        trend: trendBars(data),
        ranking: rankingBars(data, TOP),
      },
    [data],
  );

  const toggleRanking = async (enabled: boolean) => {
    setSaving(true);
    const result = await api.dashboard.setRanking({ enabled });
    setSaving(false);
    if (result.ok) reload();
  };

  const view: DashboardView | undefined = data;
  return (
    <div data-testid="dashboard">
      <PageHeader title="一屏通览" sub={view ? `督查督办事项总览 · 截至 ${view.today} · 点击图表可查看对应事项` : '督查督办事项总览'} />
      <ErrorAlert error={error} onRetry={reload} />
      {view && options ? (
        <>
          <Row gutter={[16, 16]}>
            <Col flex="1 1 160px">
              <Card size="small">
                <Statistic title="督办事项" value={view.total} suffix="项" />
              </Card>
            </Col>
            {view.byLight.map((l) => (
              <Col flex="1 1 160px" key={l.light}>
                <a href={drillHash({ light: l.light })} data-testid={`dashboard-light-${l.light}`}>
                  <Card size="small" hoverable>
                    <Statistic title={LIGHT_LABEL[l.light]} value={l.count} suffix="项" styles={{ content: { color: LIGHT_COLOR[l.light] } }} />
                  </Card>
                </a>
              </Col>
            ))}
          </Row>
          <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
            <Col xs={24} lg={12} xl={8}>
              <Card title="按办理状态" size="small">
                <Chart
                  testId="chart-status"
                  option={options.status}
                  onSelect={(c) => {
                    const s = view.byStatus.find((x) => x.status === c.key);
                    if (s) open({ status: s.status });
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12} xl={8}>
              <Card title="按亮灯" size="small">
                <Chart
                  testId="chart-light"
                  option={options.light}
                  onSelect={(c) => {
                    const l = view.byLight.find((x) => x.light === c.key);
                    if (l) open({ light: l.light });
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Card
                title="办结趋势"
                size="small"
                extra={<Segmented size="small" value={trend} onChange={(v) => setTrend(v as TrendGranularity)} options={[{ label: '按月', value: 'month' }, { label: '按周', value: 'week' }]} />}
              >
                {view.trend.points.length ? (
                  <Chart testId="chart-trend" option={options.trend} onSelect={() => open({ light: 'none' })} />
                ) : (
                  <Empty style={{ height: 248, paddingTop: 60 }} description="暂无办结事项" />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={`按牵头单位(前 ${TOP} 个)`} size="small">
                <Chart
                  testId="chart-lead"
                  height={420}
                  option={options.lead}
                  onSelect={(c) => {
                    const g = groupAt(view.byLead, TOP, c.dataIndex);
                    if (g) open({ lead: g.key, light: lightOf(c) });
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={`按责任单位(前 ${TOP} 个)`} size="small">
                <Chart
                  testId="chart-responsible"
                  height={420}
                  option={options.responsible}
                  onSelect={(c) => {
                    const g = groupAt(view.byResponsible, TOP, c.dataIndex);
                    if (g) open({ responsible: g.key, light: lightOf(c) });
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title="按任务分类" size="small">
                <Chart
                  testId="chart-section"
                  height={Math.max(240, 40 + 28 * Math.min(20, view.bySection.length))}
                  option={options.section}
                  onSelect={(c) => {
                    const g = groupAt(view.bySection, 20, c.dataIndex);
                    if (g) open({ section: g.key, light: lightOf(c) });
                  }}
                />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card
                title="单位按时办结率排名"
                size="small"
                extra={
                  <Tooltip title="可按本单位要求关闭排名(防止形式主义)">
                    <span>
                      <Typography.Text type="secondary" style={{ marginRight: 8 }}>
                        显示排名
                      </Typography.Text>
                      <Switch size="small" data-testid="ranking-switch" checked={view.ranking.enabled} loading={saving} onChange={(on) => void toggleRanking(on)} />
                    </span>
                  </Tooltip>
                }
              >
                {!view.ranking.enabled ? (
                  <Empty data-testid="ranking-off" style={{ height: 248, paddingTop: 60 }} description="单位排名已关闭" />
                ) : view.ranking.rows.length ? (
                  <Chart
                    testId="chart-ranking"
                    height={Math.max(240, 28 * Math.min(TOP, view.ranking.rows.length) + 24)}
                    option={options.ranking}
                    onSelect={(c) => {
                      const r = view.ranking.rows.slice(0, TOP).reverse()[c.dataIndex];
                      if (r) open({ lead: r.unit });
                    }}
                  />
                ) : (
                  <Empty style={{ height: 248, paddingTop: 60 }} description="暂无可考核的事项(尚无到期或办结事项)" />
                )}
              </Card>
            </Col>
            <Col xs={24}>
              <Card
                title={`超期事项(${view.overdue.total} 项)`}
                size="small"
                extra={view.overdue.total > 0 ? <a href={drillHash({ light: 'red' })}>全部超期事项</a> : null}
              >
                <Table<OverdueRow>
                  data-testid="overdue-table"
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={view.overdue.rows}
                  onRow={(r) => ({ onClick: () => navigate(buildHash(['supervision', r.id])), style: { cursor: 'pointer' } })}
                  columns={[
                    { title: '编号', dataIndex: 'code', width: 90 },
                    { title: '事项', dataIndex: 'title', ellipsis: true },
                    { title: '牵头单位', dataIndex: 'lead', width: 220, ellipsis: true, render: (v: string[], r) => (v.length ? v : r.responsible).join('、') },
                    { title: '完成时限', dataIndex: 'deadline', width: 110 },
                    { title: '超期', dataIndex: 'daysOverdue', width: 90, render: (d: number) => <span style={{ color: LIGHT_COLOR.red }}>{d} 天</span> },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24}>
              <BriefingCard today={view.today} />
            </Col>
          </Row>
        </>
      ) : (
        <Card loading={loading} />
      )}
    </div>
  );
}
