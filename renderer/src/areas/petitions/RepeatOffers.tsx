import { Alert, List, Select } from 'antd';
import type { RepeatOffer } from '../../../../core/ipc/petitions';
import { LinkPayload } from '../../../../core/petitions/events';
import { buildHash } from '../../router/hash';

export const RELATIONS = LinkPayload.shape.relation.options;
export type Relation = (typeof RELATIONS)[number];
export type Choices = Record<string, Relation | ''>;

/** The chosen matches as `link` payloads, each with the reasons it was offered for. */
export const chosenLinks = (offers: readonly RepeatOffer[], chosen: Choices) =>
  offers.flatMap((o) => {
    const relation = chosen[o.id];
    return relation ? [{ target: o.id, relation, reason: (o.reasons.join(';') || '内容相似').slice(0, 500) }] : [];
  });

/** Possible repeats with their reasons, each with the registrar's choice (nothing is linked unless chosen). */
export function RepeatOffers({ offers, chosen, onChoose }: { offers: RepeatOffer[]; chosen: Choices; onChoose: (id: string, relation: Relation | '') => void }) {
  if (offers.length === 0) return <Alert style={{ marginTop: 16 }} type="success" showIcon title="未发现重复或相似的信访事项" />;
  return (
    <List style={{ marginTop: 16 }} header="可能重复的事项(请核实后关联或合并,系统不会自动合并)" dataSource={offers}
      renderItem={(o) => (
        <List.Item
          data-testid="repeat-offer"
          extra={
            <Select<Relation | ''>
              style={{ width: 140 }}
              value={chosen[o.id] ?? ''}
              onChange={(v) => onChoose(o.id, v)}
              options={[{ value: '', label: '不关联' }, ...RELATIONS.map((r) => ({ value: r, label: `关联为${r}` }))]}
              data-testid="repeat-relation"
            />
          }
        >
          <a href={buildHash([o.kind === 'proposal' ? 'proposals' : 'petitions', o.id])}>{o.kind === 'proposal' ? '提案建议' : o.kind === '12345' ? '12345工单' : '信访事项'} {o.id.slice(0, 8)}</a> {o.reasons.join(';')}
        </List.Item>
      )} />
  );
}
