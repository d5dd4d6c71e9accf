import { Col, Row } from 'antd';
import type { ReactNode } from 'react';
import { AREA_UIS, type WorkbenchCard } from '../registry';
import { PageHeader } from '../../shared/PageHeader';

/** Full-width cards one under the other; consecutive half-width cards side by side. */
function layout(cards: readonly WorkbenchCard[]): ReactNode[] {
  const out: ReactNode[] = [];
  for (let i = 0; i < cards.length; ) {
    const card = cards[i]!;
    if (card.width === 'full') {
      out.push(
        <div key={card.key} style={out.length ? { marginTop: 16 } : undefined}>
          {card.render()}
        </div>,
      );
      i += 1;
      continue;
    }
    const row: WorkbenchCard[] = [];
    while (i < cards.length && cards[i]!.width === 'half' && row.length < 2) row.push(cards[i++]!);
    out.push(
      <Row key={row.map((c) => c.key).join('+')} gutter={16}>
        {row.map((c) => (
          <Col key={c.key} xs={24} xl={12}>
            {c.render()}
          </Col>
        ))}
      </Row>,
    );
  }
  return out;
}

/** 工作台: the day's overview and the current identity's 待办/已办, from each area's cards (areas/registry.tsx). */
export function WorkbenchPage() {
  const cards = AREA_UIS.flatMap((a) => a.workbench ?? []).sort((a, b) => a.order - b.order);
  return (
    <div>
      <PageHeader title="工作台" />
      {layout(cards)}
    </div>
  );
}
