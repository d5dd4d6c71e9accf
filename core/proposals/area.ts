import { z } from 'zod';
import { defineArea, type EventSpec, type Outcome, type Stamp } from '../kernel/area';
import { proposalDeadlines } from './deadlines';
import { PROPOSAL_EVENTS } from './events';
import { proposalNotices, proposalTodos } from './inbox';
import { PROPOSAL_FIELD_LABELS, PROPOSAL_KIND, ProposalFields, proposalFieldsOf } from './model';
import { proposalCan } from './permissions';
import { PROPOSAL_MIGRATIONS, PROPOSAL_TABLES, proposalRows } from './projection';
import { PROPOSAL_RULES } from './rules';
import { emptyProposalState, unitsOf, type ProposalState } from './state';

/**
 * 提案建议 (人大代表建议、政协提案) as a kernel area: registered by the liaison office, 交办 to a
 * 主办 unit and 会办/协办 units, handled, answered with a 函, rated by the proposer and closed
 * (core/proposals/README.md). Registered in core/areas.ts.
 */
export const proposalArea = defineArea<ProposalState, ProposalFields>({
  kind: PROPOSAL_KIND,
  label: '提案建议',
  fieldLabels: PROPOSAL_FIELD_LABELS,
  input: ProposalFields,
  fields: z.unknown().transform((json) => proposalFieldsOf(json)),
  events: PROPOSAL_EVENTS as Record<string, EventSpec>,
  initial: emptyProposalState,
  // The registering office decides and records everything the proposer says from then on.
  onCreate: (state, stamp) => {
    state.office = stamp.by.unit;
  },
  rules: PROPOSAL_RULES as unknown as Record<string, (s: ProposalState, p: never, stamp: Stamp) => Outcome>,
  can: proposalCan,
  // Besides the office that registered it (the creator's unit): the units on it now.
  access: (state) => unitsOf(state),
  projection: { tables: PROPOSAL_TABLES, migrations: PROPOSAL_MIGRATIONS, rows: proposalRows },
  search: (view) => {
    const f = view.fields;
    const s = view.reduced.state;
    const notes = [
      f.lead.name,
      f.lead.group,
      ...f.cosigners.map((c) => c.name),
      ...unitsOf(s),
      ...s.contacts.map((c) => c.summary),
      ...s.opinions.map((o) => o.text),
    ].filter(Boolean);
    return { title: `${f.number} ${f.title}`, body: view.body, notes: notes.join('\n') };
  },
  todos: proposalTodos,
  deadlines: (view) => proposalDeadlines(view.reduced.state),
  notifications: proposalNotices,
});
