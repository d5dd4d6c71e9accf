import { apply, reject, type Outcome, type Stamp } from '../kernel/area';
import { CLASSIFIED_REFUSAL, isClassified } from '../documents/secrecy';
import { signRule } from '../records/sign-area';
import type { SignPayload } from '../records/sign-event';
import { receiptNumber, type IncomingEventType, type IncomingPayload } from './events';
import type { IncomingPhase, IncomingState, Step } from './state';

/** The state rule of each 收文 event, after the kernel checked actor, payload and `can()`. */
type Rule<T extends IncomingEventType> = (s: IncomingState, p: IncomingPayload<T>, stamp: Stamp) => Outcome;

const only = (s: IncomingState, ...phases: IncomingPhase[]): Outcome | null => (phases.includes(s.phase) ? null : reject('收文当前状态不能进行此操作'));
const step = (stamp: Stamp, text: string): Step => ({ eventId: stamp.eventId, by: stamp.by, at: stamp.at, text });

const deliver: Rule<'deliver'> = (s, p) =>
  s.source || s.registration ? reject('来文已送达') : apply(() => {
    s.unit = p.toUnit;
    s.source = { id: p.sourceId, unit: p.sourceUnit, role: p.role, docNumber: p.docNumber, docKind: p.docKind };
    s.phase = 'delivered';
  });

const receive: Rule<'receive'> = (s, _p, stamp) =>
  only(s, 'delivered') ?? apply(() => {
    s.received = step(stamp, '');
    s.phase = 'received';
  });

const sendBack: Rule<'send_back'> = (s, p, stamp) =>
  only(s, 'delivered', 'received', 'registered') ?? apply(() => {
    s.returned = step(stamp, p.reason);
    s.phase = 'returned';
  });

const register: Rule<'register'> = (s, p, stamp) => {
  const bad = only(s, 'received');
  if (bad) return bad;
  if (isClassified(p.secrecy)) return reject(CLASSIFIED_REFUSAL, 'invalid');
  return apply(() => {
    s.unit ??= stamp.by.unit;
    s.registration = { year: p.year, serial: p.serial, receiptNo: receiptNumber(p.year, p.serial), local: p.local, fromUnit: p.fromUnit, fromDocNumber: p.fromDocNumber, urgency: p.urgency, dueDate: p.dueDate, original: p.original, by: stamp.by, at: stamp.at };
    s.phase = 'registered';
  });
};

const review: Rule<'review'> = (s, p, stamp) =>
  only(s, 'registered') ?? apply(() => {
    s.review = step(stamp, p.opinion);
    if (p.decision === 'return') {
      s.returned = step(stamp, p.opinion || '初审不符合要求');
      s.phase = 'returned';
    } else s.phase = 'reviewed';
  });

const propose: Rule<'propose'> = (s, p, stamp) =>
  only(s, 'reviewed') ?? apply(() => {
    s.proposal = step(stamp, p.opinion);
    s.phase = 'proposed';
  });

const addCopies = (s: IncomingState, readers: IncomingPayload<'circulate'>['readers'], stamp: Stamp) => {
  for (const reader of readers) {
    // A second copy to the same reader while the first is unread adds nothing.
    if (s.copies.some((c) => c.reader.login === reader.login && c.readAt === null)) continue;
    s.copies.push({ reader, sentAt: stamp.at, sentBy: stamp.by.login, readAt: null, opinion: '' });
  }
};

const instruct: Rule<'instruct'> = (s, p, stamp) =>
  only(s, 'proposed', 'reviewed') ?? apply(() => {
    s.instruction = { ...step(stamp, p.instruction), supervise: p.supervise };
    s.lead = p.lead;
    s.assist = p.assist.filter((u) => u !== p.lead);
    addCopies(s, p.readers, stamp);
    s.phase = 'handling';
  });

// A 阅知件 (an 抄送 for information) goes to 传阅 right after 登记; a 办件 after 批办.
const circulate: Rule<'circulate'> = (s, p, stamp) => only(s, 'registered', 'reviewed', 'proposed', 'handling', 'done') ?? apply(() => addCopies(s, p.readers, stamp));

const read: Rule<'read'> = (s, p, stamp) => {
  const copy = s.copies.find((c) => c.reader.login === stamp.by.login && c.readAt === null);
  if (!copy) return { kind: 'ignore', note: '已阅毕' };
  return apply(() => {
    copy.readAt = stamp.at;
    copy.opinion = p.opinion;
  });
};

const urge: Rule<'urge'> = (s, p, stamp) => only(s, 'handling') ?? apply(() => void s.urges.push(step(stamp, p.note)));

const supervise: Rule<'supervise'> = (s, p) =>
  !s.instruction ? reject('尚未批办,不能转督办') : apply(() => {
    for (const id of p.itemIds) if (!s.supervisionItems.includes(id)) s.supervisionItems.push(id);
  });

const complete: Rule<'complete'> = (s, p, stamp) =>
  only(s, 'handling') ?? apply(() => {
    s.completion = step(stamp, p.summary);
    s.phase = 'done';
  });

const archive: Rule<'archive'> = (s, p, stamp) =>
  only(s, 'done', 'returned') ?? apply(() => {
    s.archived = step(stamp, p.note);
    s.phase = 'archived';
  });

const sign = (s: IncomingState, p: SignPayload, stamp: Stamp): Outcome => signRule(s.signatures, p, stamp);

export const INCOMING_RULES = { deliver, receive, send_back: sendBack, register, review, propose, instruct, circulate, read, urge, supervise, complete, archive, sign };
