import { Card, Col, Row, Statistic } from 'antd';
import type { Light, SupervisionStatus } from '../../../../../core/supervision/model';
import { api } from '../../../bridge';
import { buildHash } from '../../../router/hash';
import { ErrorAlert } from '../../../shared/ErrorAlert';
import { useQuery } from '../../../shared/useQuery';

interface CardSpec {
  key: string;
  title: string;
  value: number | undefined;
  href: string;
  color?: string;
}

/** 督办事项 totals and lights from supervision.facets. */
export function SummaryCards() {
  const { data, error, loading, reload } = useQuery('supervision.facets', () => api.supervision.facets(), { live: true });
  const count = (s: SupervisionStatus) => data?.statuses.find((f) => f.value === s)?.count ?? 0;
  const lights = (l: Light) => data?.lights.find((f) => f.value === l)?.count ?? 0;
  const total = data?.statuses.reduce((sum, f) => sum + f.count, 0);
  const value = (n: () => number) => (data ? n() : undefined);
  const cards: CardSpec[] = [
    { key: 'total', title: '督办事项', value: total, href: buildHash(['supervision']) },
    { key: 'in_progress', title: '办理中', value: value(() => count('in_progress') + count('review')), href: buildHash(['supervision'], { status: 'in_progress' }), color: '#1d58a8' },
    { key: 'completed', title: '已办结', value: value(() => count('completed') + count('closed')), href: buildHash(['supervision'], { light: 'none' }), color: '#389e0d' },
    { key: 'red', title: '红灯(超期)', value: value(() => lights('red')), href: buildHash(['supervision'], { light: 'red' }), color: '#cf1322' },
    { key: 'yellow', title: '黄灯(预警)', value: value(() => lights('yellow')), href: buildHash(['supervision'], { light: 'yellow' }), color: '#d48806' },
  ];
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Row gutter={16}>
        {cards.map((c) => (
          <Col key={c.key} flex="1 1 180px">
            <a href={c.href} data-testid={`summary-${c.key}`}>
              <Card hoverable loading={loading && !data}>
                <Statistic title={c.title} value={c.value ?? '—'} suffix={c.value === undefined ? undefined : '项'} styles={{ content: { color: c.color } }} />
              </Card>
            </a>
          </Col>
        ))}
      </Row>
    </>
  );
}
