/**
 * ECharts, only the parts 一屏通览 uses (tree-shaken): bar, pie and line charts, grid, tooltip,
 * legend, drawn on canvas. Nothing here needs eval, so the renderer's CSP stays strict.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export { echarts };
export type { ECharts, EChartsCoreOption } from 'echarts/core';
