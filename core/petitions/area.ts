import { z } from 'zod';
import { defineArea } from '../kernel/area';
import { petitionDeadlines, petitionNotices, petitionTodos } from './derived';
import * as E from './events';
import { petitionFieldsOf, type PetitionFields } from './model';
import { petitionCan, petitionOffered } from './permissions';
import { SIGN_EVENT } from '../records/sign-event';
import { SIGN_EVENT_SPEC, verifySignExtra } from '../records/sign-area';
import { petitionProjection } from './projection';
import { initialState, rules, type PetitionState } from './state';

/**
 * 信访投诉 and 12345 cases (issue 14). Personal data lives in the fields as ciphertext with masks
 * and blind-index tokens; the keys travel in signed events; every decryption is a `decrypt`
 * event (the audit trail). The case is visible to the 信访 office (its creator's unit) and the
 * unit it is assigned to now: a reassignment takes the old unit off.
 */
export const petitionArea = defineArea<PetitionState, PetitionFields>({
  kind: 'petition',
  label: '信访事项',
  fieldLabels: { channel: '来源渠道', category: '类别', hotlineType: '12345类型', matter: '信访事项', locality: '问题属地', persons: '信访人' },
  fields: z.unknown().transform((json) => petitionFieldsOf(json)),
  events: {
    keys: { label: '授权读取', payload: E.KeysPayload },
    accept: { label: '受理', payload: E.AcceptPayload, linear: true },
    refuse: { label: '不予受理', payload: E.RefusePayload, linear: true },
    assign: { label: '转送交办', payload: E.AssignPayload, linear: true },
    extend_request: { label: '申请延期', payload: E.ExtendRequestPayload },
    extend_approve: { label: '批准延期', payload: E.ExtendApprovePayload },
    reply: { label: '答复', payload: E.ReplyPayload, linear: true },
    review_request: { label: '申请复查', payload: E.RequestPayload, linear: true },
    review_decide: { label: '复查决定', payload: E.DecidePayload, linear: true },
    recheck_request: { label: '申请复核', payload: E.RequestPayload, linear: true },
    recheck_hearing: { label: '复核听证', payload: E.HearingPayload },
    recheck_decide: { label: '复核决定', payload: E.DecidePayload, linear: true },
    visit: { label: '回访', payload: E.VisitPayload },
    close: { label: '办结', payload: E.ClosePayload, linear: true },
    decrypt: { label: '查看个人信息', payload: E.DecryptPayload },
    link: { label: '关联', payload: E.LinkPayload },
    attach: { label: '上传附件', payload: E.AttachPayload },
    hotline_limit: { label: '设定办理时限', payload: E.HotlineLimitPayload },
    [SIGN_EVENT]: { ...SIGN_EVENT_SPEC, label: '用印' },
  },
  initial: initialState,
  rules,
  can: petitionCan,
  offered: petitionOffered,
  verifyExtra: verifySignExtra,
  access: (state) => (state.unit ? [state.unit] : []),
  projection: petitionProjection,
  // Masked values only: FTS never holds a petitioner's plaintext.
  search: (view) => ({
    title: `${view.fields.category} ${view.fields.matter.slice(0, 40)}`,
    body: view.fields.matter,
    notes: [view.fields.channel, view.fields.locality, ...view.fields.persons.map((p) => p.masked.name)].join(' '),
  }),
  todos: petitionTodos,
  deadlines: petitionDeadlines,
  notifications: petitionNotices,
});
