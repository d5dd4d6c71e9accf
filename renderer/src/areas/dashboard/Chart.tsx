import { useEffect, useEffectEvent, useRef } from 'react';
import { echarts, type ECharts, type EChartsCoreOption } from './echarts';

/** What a click on a segment tells the page: the series and the category (or pie slice) name. */
export interface ChartClick {
  seriesId: string | undefined;
  seriesName: string | undefined;
  name: string;
  dataIndex: number;
  /** The data item's `key`, when the option gives one (pie slices). */
  key: string | undefined;
}

/** One ECharts canvas; resizes with its box; `onSelect` gets every segment click (drill-down). */
export function Chart({
  option,
  height = 280,
  onSelect,
  testId,
}: {
  option: EChartsCoreOption;
  height?: number;
  onSelect?: (click: ChartClick) => void;
  testId: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const select = useEffectEvent((click: ChartClick) => onSelect?.(click));

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const instance = echarts.init(el, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (p) => {
      const params = p as { seriesId?: string; seriesName?: string; name?: string; dataIndex?: number; data?: unknown };
      const data = params.data as { key?: unknown } | null | undefined;
      select({
        seriesId: params.seriesId,
        seriesName: params.seriesName,
        name: params.name ?? '',
        dataIndex: params.dataIndex ?? 0,
        key: typeof data === 'object' && data !== null && typeof data.key === 'string' ? data.key : undefined,
      });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} data-testid={testId} style={{ width: '100%', height }} />;
}
