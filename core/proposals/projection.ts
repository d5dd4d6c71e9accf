import type { RecordView, Row } from '../kernel/area';
import { proposalDeadlines, replyDeadline } from './deadlines';
import type { ProposalFields } from './model';
import { lastOf, type ProposalState } from './state';

/**
 * The list projection of 提案建议: one `proposals` row per record (what the list, its filters,
 * the light in SQL and 统计 read), one `proposal_units` row per unit on it (主办/协办, for the
 * unit filter and 按单位 statistics) and `proposal_replies` (答复函 → proposal: the link back
 * from a 公文). Nothing here depends on today: the light is computed when read (lightSql).
 */
export const PROPOSAL_TABLES = ['proposals', 'proposal_units', 'proposal_replies'] as const;

export const PROPOSAL_MIGRATIONS: readonly string[] = [
  `CREATE TABLE proposals (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    number TEXT NOT NULL,
    category TEXT NOT NULL,
    session TEXT NOT NULL,
    meeting TEXT NOT NULL,
    key_flag INTEGER NOT NULL,
    title TEXT NOT NULL,
    lead_name TEXT NOT NULL,
    lead_group TEXT NOT NULL,
    phase TEXT NOT NULL,
    office TEXT NOT NULL,
    main_unit TEXT NOT NULL,
    assigned_on TEXT,
    closed INTEGER NOT NULL,
    due_key TEXT NOT NULL,
    due_rule TEXT NOT NULL,
    step_key TEXT NOT NULL,
    reply_due TEXT,
    replied_on TEXT,
    on_time INTEGER,
    result_class TEXT NOT NULL,
    satisfaction TEXT NOT NULL,
    publish INTEGER NOT NULL,
    redo INTEGER NOT NULL,
    extended INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX proposals_by_number ON proposals(category, session, meeting, number);
  CREATE INDEX proposals_by_order ON proposals(closed, due_key, category, number, rid);
  CREATE INDEX proposals_by_phase ON proposals(phase);
  CREATE TABLE proposal_units (rid INTEGER NOT NULL, unit TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (unit, rid, role)) WITHOUT ROWID;
  CREATE INDEX proposal_units_by_rid ON proposal_units(rid);
  CREATE TABLE proposal_replies (rid INTEGER NOT NULL, document_id TEXT NOT NULL, round INTEGER NOT NULL, PRIMARY KEY (document_id, rid)) WITHOUT ROWID;
  CREATE INDEX proposal_replies_by_rid ON proposal_replies(rid);`,
];

/** Sorts after every date: "no deadline" in the due columns (lightSql reads it as none). */
export const NO_DUE = '9999-12-31';

export function proposalRows(view: RecordView<ProposalState, ProposalFields>): Record<string, Row[]> {
  const f = view.fields;
  const s = view.reduced.state;
  const items = proposalDeadlines(s);
  const finals = items.filter((i) => !i.step);
  const open = finals.filter((i) => !i.done).sort((a, b) => (a.due < b.due ? -1 : 1))[0];
  const steps = items.filter((i) => i.step && !i.done).map((i) => i.due).sort();
  const first = s.replies.find((r) => r.round === 1) ?? null;
  const due = replyDeadline(s);
  const lastReply = lastOf(s.replies);
  const a = s.assignment;
  const row: Row = {
    id: view.id,
    number: f.number,
    category: f.category,
    session: f.session,
    meeting: f.meeting,
    key_flag: f.key ? 1 : 0,
    title: f.title,
    lead_name: f.lead.name,
    lead_group: f.lead.group,
    phase: s.phase,
    office: s.office ?? '',
    main_unit: a?.lead ?? '',
    assigned_on: a?.on ?? null,
    // As recordLight: finished when closed or when every final deadline is met.
    closed: s.phase === 'closed' || (finals.length > 0 && finals.every((i) => i.done)) ? 1 : 0,
    due_key: open?.due ?? NO_DUE,
    due_rule: open?.rule ?? '',
    step_key: steps[0] ?? NO_DUE,
    reply_due: due?.due ?? null,
    replied_on: first?.on ?? null,
    on_time: first && due ? (first.on <= due.due ? 1 : 0) : null,
    result_class: lastReply?.resultClass ?? '',
    satisfaction: lastOf(s.satisfactions)?.level ?? '',
    publish: lastReply?.publish ? 1 : 0,
    redo: s.redo ? 1 : 0,
    extended: s.extension?.decision?.granted ? 1 : 0,
    created_at: view.createdAt,
  };
  const units: Row[] = a ? [{ unit: a.lead, role: '主办' }, ...a.helpers.map((u) => ({ unit: u, role: '协办' }))] : [];
  const replies: Row[] = [];
  const seen = new Set<string>();
  for (const r of [...s.replies, ...(s.draft ? [{ documentId: s.draft.documentId, round: s.round }] : [])]) {
    if (seen.has(r.documentId)) continue;
    seen.add(r.documentId);
    replies.push({ document_id: r.documentId, round: r.round });
  }
  return { proposals: [row], proposal_units: units, proposal_replies: replies };
}
