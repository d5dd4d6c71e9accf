import type { DashboardGroup, DashboardView } from '../../../../core/ipc/dashboard';
import { LIGHT_LABEL, SUPERVISION_STATUS_LABEL, type Light } from '../../../../core/supervision/model';
import type { EChartsCoreOption } from './echarts';

/** Chart options of 一屏通览 (pure: data in, option out). Series ids carry the drill-down key. */

export const LIGHT_COLOR: Record<Light, string> = { red: '#cf1322', yellow: '#faad14', green: '#52c41a', none: '#8c8c8c' };
const STATUS_COLOR = ['#bfbfbf', '#1d58a8', '#722ed1', '#389e0d', '#595959'];
const LIGHTS: Light[] = ['red', 'yellow', 'green', 'none'];

export function statusPie(view: DashboardView): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}:{c} 项({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        id: 'status',
        type: 'pie',
        radius: ['36%', '60%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        // Empty slices are left out (their labels would pile up); `key` is what a click drills into.
        data: view.byStatus
          .map((s, i) => ({ name: SUPERVISION_STATUS_LABEL[s.status], value: s.count, key: s.status, itemStyle: { color: STATUS_COLOR[i] } }))
          .filter((d) => d.value > 0),
      },
    ],
  };
}

export function lightPie(view: DashboardView): EChartsCoreOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}:{c} 项({d}%)' },
    legend: { bottom: 0 },
    series: [
      {
        id: 'light',
        type: 'pie',
        radius: ['36%', '60%'],
        center: ['50%', '45%'],
        label: { formatter: '{b}\n{c}' },
        data: view.byLight
          .map((l) => ({ name: LIGHT_LABEL[l.light], value: l.count, key: l.light, itemStyle: { color: LIGHT_COLOR[l.light] } }))
          .filter((d) => d.value > 0),
      },
    ],
  };
}

/** Horizontal bars stacked by light; the first `top` groups. */
export function stackedBars(groups: readonly DashboardGroup[], top: number, labelWidth = 110): EChartsCoreOption {
  const shown = groups.slice(0, top).reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: shown.map((g) => g.key || '(未分组)'),
      axisLabel: { width: labelWidth, overflow: 'truncate' },
    },
    series: LIGHTS.map((light) => ({
      id: light,
      name: LIGHT_LABEL[light],
      type: 'bar',
      stack: 'light',
      itemStyle: { color: LIGHT_COLOR[light] },
      data: shown.map((g) => g[light]),
    })),
  };
}

export function trendBars(view: DashboardView): EChartsCoreOption {
  const points = view.trend.points;
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: points.map((p) => p.period) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { id: 'completed', name: '办结', type: 'bar', itemStyle: { color: '#389e0d' }, data: points.map((p) => p.count) },
      { id: 'completed-line', name: '办结趋势', type: 'line', smooth: true, itemStyle: { color: '#1d58a8' }, data: points.map((p) => p.count) },
    ],
  };
}

export function rankingBars(view: DashboardView, top = 15): EChartsCoreOption {
  const rows = view.ranking.rows.slice(0, top).reverse();
  return {
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = (params as Array<{ dataIndex: number }>)[0];
        const r = p ? rows[p.dataIndex] : undefined;
        return r ? `${r.unit}<br/>按时办结 ${r.onTime}/${r.assessed}(${Math.round(r.rate * 100)}%)` : '';
      },
    },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: rows.map((r) => r.unit), axisLabel: { width: 110, overflow: 'truncate' } },
    series: [
      {
        id: 'ranking',
        type: 'bar',
        itemStyle: { color: '#1d58a8' },
        label: { show: true, position: 'right', formatter: '{c}%' },
        data: rows.map((r) => Math.round(r.rate * 1000) / 10),
      },
    ],
  };
}
