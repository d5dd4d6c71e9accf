import type { Actor } from '../../kernel/actor';
import type { RecordEvent } from '../../kernel/event';
import { reduceRecord, type Reduced } from '../../kernel/reduce';
import { proposalArea } from '../area';
import type { ProposalState } from '../state';

/** The people of the tests and the demo: the 人大 office, the 主办 and 协办 units, others. */
export const PEOPLE = {
  office: { login: 'rd.xu', name: '许静', unit: '市人大常委会代表工委', role: 'liaison' },
  otherOffice: { login: 'zx.he', name: '何平', unit: '市政协提案委', role: 'liaison' },
  lead: { login: 'jyj.lin', name: '林晓', unit: '市教育局', role: 'office' },
  leadChief: { login: 'jyj.wu', name: '吴建国', unit: '市教育局', role: 'leader' },
  helper: { login: 'wjw.xie', name: '谢芳', unit: '市卫健委', role: 'unit_staff' },
  outsider: { login: 'gxj.chen', name: '陈志强', unit: '市工信局(大数据局)', role: 'unit_staff' },
  leader: { login: 'leader.wang', name: '王副秘书长', unit: '市政府办公厅', role: 'leader' },
  admin: { login: 'admin', name: '系统管理员', unit: '市政府办公厅', role: 'admin' },
} satisfies Record<string, Actor>;
export type Person = keyof typeof PEOPLE;

/**
 * Builds a proposal's event log step by step, as a replica would receive it: each event names
 * the head it saw as `basis`, at the given Beijing day (09:00).
 */
export class ProposalLog {
  readonly events: RecordEvent[] = [];
  private n = 0;

  constructor(createdOn = '2024-01-20') {
    this.events.push(this.make('office', 'create', { kind: 'proposal' }, createdOn));
  }

  make(who: Person, type: string, payload: Record<string, unknown>, on: string, basis?: string | null): RecordEvent {
    const by = PEOPLE[who];
    this.n += 1;
    return { id: `e${this.n}`, type, actor: by.login, by, at: `${on}T01:00:00.000Z`, basis: basis === undefined ? this.reduced().head : basis, payload };
  }

  /** Appends an event (whatever the reducer will say of it) and returns it. */
  add(who: Person, type: string, payload: Record<string, unknown>, on: string): RecordEvent {
    const e = this.make(who, type, payload, on);
    this.events.push(e);
    return e;
  }

  reduced(): Reduced<ProposalState> {
    return reduceRecord(proposalArea, this.events) as Reduced<ProposalState>;
  }

  state(): ProposalState {
    return this.reduced().state;
  }

  /** The last event's verdict: null when applied, else its conflict text. */
  lastConflict(): string | null {
    const h = this.reduced().history;
    return h[h.length - 1]!.conflict;
  }

  clone(): ProposalLog {
    const copy = new ProposalLog();
    copy.events.splice(0, copy.events.length, ...this.events);
    copy.n = this.n;
    return copy;
  }
}

export const ASSIGN = { lead: '市教育局', helpers: ['市卫健委'] };
export const SIGNED = { documentId: 'doc-1', resultClass: 'A', publish: true, signatures: ['sig-1', 'sig-2'] };
