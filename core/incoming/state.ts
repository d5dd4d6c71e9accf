import type { Actor } from '../kernel/actor';
import type { BlobRef } from '../kernel/event';
import type { Person } from '../documents/events';
import type { SignatureState } from '../records/sign-area';

/** Where a 收文 stands. A 收文 registered by the unit's own office starts 待登记 (`received`). */
export type IncomingPhase = 'delivered' | 'received' | 'registered' | 'reviewed' | 'proposed' | 'handling' | 'done' | 'returned' | 'archived';

export const INCOMING_PHASE_LABEL: Record<IncomingPhase, string> = {
  delivered: '待签收',
  received: '待登记',
  registered: '待初审',
  reviewed: '待拟办',
  proposed: '待批办',
  handling: '办理中',
  done: '已办结',
  returned: '已退回',
  archived: '已归档',
};

/** One copy in 传阅: who has it, since when, and their 阅毕 (with an optional opinion). */
export interface CirculationCopy {
  reader: Person;
  sentAt: string;
  sentBy: string;
  readAt: string | null;
  opinion: string;
}

export interface Step {
  eventId: string;
  by: Actor;
  at: string;
  text: string;
}

export interface IncomingState {
  phase: IncomingPhase;
  /** The receiving unit (from 来文送达), or null for one registered by its own unit. */
  unit: string | null;
  source: { id: string; unit: string; role: '主送' | '抄送'; docNumber: string; docKind: string } | null;
  received: Step | null;
  returned: Step | null;
  registration: { year: number; serial: number; receiptNo: string; local: boolean; fromUnit: string; fromDocNumber: string; urgency: string; dueDate: string | null; original: BlobRef | null; by: Actor; at: string } | null;
  review: Step | null;
  proposal: Step | null;
  instruction: (Step & { supervise: boolean }) | null;
  lead: string | null;
  assist: string[];
  copies: CirculationCopy[];
  urges: Step[];
  supervisionItems: string[];
  completion: Step | null;
  archived: Step | null;
  signatures: SignatureState[];
}

export const initialIncomingState = (): IncomingState => ({
  phase: 'received',
  unit: null,
  source: null,
  received: null,
  returned: null,
  registration: null,
  review: null,
  proposal: null,
  instruction: null,
  lead: null,
  assist: [],
  copies: [],
  urges: [],
  supervisionItems: [],
  completion: null,
  archived: null,
  signatures: [],
});

/** The phases in which each step can be taken (the rules refuse it elsewhere); the pages offer only these. */
export const INCOMING_STEP_PHASES: Readonly<Record<string, readonly IncomingPhase[]>> = {
  deliver: [],
  receive: ['delivered'],
  send_back: ['delivered', 'received', 'registered'],
  register: ['received'],
  review: ['registered'],
  propose: ['reviewed'],
  instruct: ['reviewed', 'proposed'],
  circulate: ['registered', 'reviewed', 'proposed', 'handling', 'done'],
  read: ['registered', 'reviewed', 'proposed', 'handling', 'done'],
  urge: ['handling'],
  supervise: ['handling', 'done'],
  complete: ['handling'],
  archive: ['done', 'returned'],
  sign: ['received', 'registered', 'reviewed', 'proposed', 'handling', 'done'],
};
