import { INCOMING_PHASE_LABEL, INCOMING_STEP_PHASES, type IncomingState, type Step } from '../../core/incoming/state';
import type { IncomingWorkflow } from '../../core/incoming/view';
import type { Actor } from '../../core/kernel/actor';
import { allowedTypes } from '../../core/kernel/reduce';
import { fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import type { Store } from '../store/store';

export function incomingState(store: Store, id: string): IncomingState {
  if (!store.has(id) || store.kindOf(id) !== 'incoming') throw new AppError('NOT_FOUND', `收文不存在:${id}`);
  return store.reduced<IncomingState>(id).state;
}

const stepView = (s: Step | null) => (s ? { name: s.by.name, unit: s.by.unit, at: s.at, text: s.text } : null);

/** What the 收文 pages show, for `actor`: each step, where every 传阅 copy is, and the 督办 items made from it. */
export function incomingWorkflow(store: Store, id: string, actor: Actor): IncomingWorkflow {
  const s = incomingState(store, id);
  const reduced = store.reduced<IncomingState>(id);
  const area = store.registry.byKind('incoming')!;
  const r = s.registration;
  const titleOf = (itemId: string): string | null => (store.has(itemId) ? String(fieldsOf(store.getDoc(itemId)).get('title') ?? '') : null);
  return {
    id,
    phase: s.phase,
    phaseLabel: INCOMING_PHASE_LABEL[s.phase],
    head: reduced.head,
    unit: s.unit ?? reduced.created?.by.unit ?? null,
    source: s.source,
    received: stepView(s.received),
    returned: stepView(s.returned),
    registration: r ? { receiptNo: r.receiptNo, local: r.local, fromUnit: r.fromUnit, fromDocNumber: r.fromDocNumber, urgency: r.urgency, dueDate: r.dueDate, original: r.original ?? null, name: r.by.name, at: r.at } : null,
    review: stepView(s.review),
    proposal: stepView(s.proposal),
    instruction: s.instruction ? { ...stepView(s.instruction)!, supervise: s.instruction.supervise } : null,
    lead: s.lead,
    assist: s.assist,
    copies: s.copies.map((c) => ({ login: c.reader.login, name: c.reader.name, unit: c.reader.unit, sentAt: c.sentAt, readAt: c.readAt, opinion: c.opinion })),
    urges: s.urges.map((u) => stepView(u)!),
    supervisionItems: s.supervisionItems.map((itemId) => ({ id: itemId, title: titleOf(itemId) })),
    completion: stepView(s.completion),
    archived: stepView(s.archived),
    actions: allowedTypes(area, actor, s).filter((type) => INCOMING_STEP_PHASES[type]?.includes(s.phase) ?? false),
  };
}
