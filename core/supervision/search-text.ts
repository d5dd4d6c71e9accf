import { canonicalUnitName, unitAliases } from '../directory/units';
import type { SupervisionAnalysis } from './projection';

/**
 * What full-text search finds a 督办 item by, besides its code, title and 正文: its units (牵头,
 * 责任, with their other names), the people who act on it (contacts and every actor), attachment
 * names, and every text written in its events — 进展反馈, 延期理由 and opinions, 督查单 and the
 * units' 情况说明, 办结 summaries, 审核 and 销号 notes, 评价. One line each, so a hit's snippet
 * shows the words around it with the same highlighting as the 正文.
 */
export function supervisionSearchNotes({ fields, state }: SupervisionAnalysis): string {
  const lines: string[] = [];
  const add = (label: string, text: string | null | undefined) => {
    if (text && text.trim()) lines.push(`${label}:${text.trim()}`);
  };
  add('工作进展', fields.progressNote);
  const units = [...new Set([...fields.lead, ...fields.responsible, ...state.assignments.map((a) => a.unit)])];
  const named = [...new Set(units.flatMap((u) => [u, canonicalUnitName(u), ...unitAliases(u)]))];
  add('承办单位', named.join('、'));
  const people = new Set<string>();
  for (const a of state.assignments) if (a.contact) people.add(a.contact);
  for (const h of state.history) if (h.event.by?.name) people.add(h.event.by.name);
  add('经办人', [...people].join('、'));
  for (const r of state.reports) {
    add(`进展反馈(${r.unit})`, r.text);
    add('附件', r.attachments.map((f) => f.name).join('、'));
    add('退回意见', r.returned?.opinion);
  }
  for (const u of state.urges) {
    add('督查单', u.text);
    for (const reply of u.replies) add(`情况说明(${reply.unit})`, reply.text);
  }
  add('时限说明', state.deadlineSet?.note);
  for (const e of state.extensions) {
    add(`延期理由(${e.unit})`, e.reason);
    add('延期审批意见', e.decision?.opinion);
  }
  for (const c of state.completions) {
    add(`办结情况(${c.unit})`, c.summary);
    add('附件', c.attachments.map((f) => f.name).join('、'));
    add('审核意见', c.review?.opinion);
    add('确认理由', c.review?.confirmed?.reason);
  }
  add('销号说明', state.closed?.note);
  for (const a of state.assignments) add(`评价(${a.unit})`, a.evaluation?.comment);
  return lines.join('\n');
}
