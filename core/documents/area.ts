import { z } from 'zod';
import { defineArea, type EventSpec, type Outcome, type Stamp } from '../kernel/area';
import { verifySignExtra } from '../records/sign-area';
import { DOC_EVENTS } from './events';
import { documentNotices, documentTodos } from './inbox';
import { DocumentFields } from './model';
import { documentCan, documentOffered } from './permissions';
import { documentFieldsOf } from './projection';
import { DOCUMENT_MIGRATIONS, documentRows } from './projection-table';
import { DOC_RULES } from './rules';
import { initialDocumentState, type DocumentState } from './state';

export type { DocumentState } from './state';

/**
 * 发文 (records of kind `document`): the 公文 workflow 拟稿 → 核稿 → 会签 → 签发 → 复核 → 编号 →
 * 用印 → 分发 → 归档 (events.ts, rules.ts, permissions.ts), its 待办 and notices (inbox.ts), the
 * list projection (projection-table.ts) and search over title, 正文, 发文字号, 发文机关 and 文种.
 */
export const documentArea = defineArea<DocumentState, DocumentFields>({
  kind: 'document',
  label: '公文',
  fieldLabels: {
    docKind: '文种',
    title: '标题',
    issuer: '发文机关',
    issuerMark: '发文机关标志',
    docNumber: '发文字号',
    writtenDate: '成文日期',
    mainRecipients: '主送',
    ccRecipients: '抄送',
    copyNo: '份号',
    secrecy: '密级和保密期限',
    urgency: '紧急程度',
    jointIssuers: '联合发文机关',
    signer: '签发人',
    attachmentNote: '附件说明',
    note: '附注',
    printer: '印发机关',
    printDate: '印发日期',
    publicity: '公开属性',
    issuerCode: '机关代字',
  },
  input: DocumentFields,
  fields: z.unknown().transform((json) => documentFieldsOf(json)),
  events: DOC_EVENTS as unknown as Record<string, EventSpec>,
  initial: initialDocumentState,
  // The drafting unit is known from the start: only it sends, edits or withdraws its draft.
  onCreate: (s, stamp) => {
    if (stamp.by.unit) s.unit = stamp.by.unit;
  },
  rules: DOC_RULES as unknown as Record<string, (s: DocumentState, p: never, stamp: Stamp) => Outcome>,
  can: documentCan,
  offered: documentOffered,
  // 会签 units see the draft; addressees do not: they get their own 收文 copy at 分发.
  access: (s) => [...s.countersignUnits, ...s.jointIssuers],
  verifyExtra: verifySignExtra,
  projection: { tables: ['documents'], migrations: DOCUMENT_MIGRATIONS, rows: (view) => ({ documents: [documentRows(view)] }) },
  search: (view) => ({ title: view.fields.title, body: view.body, notes: [view.fields.docNumber, view.fields.issuer, view.fields.docKind].filter(Boolean).join(' ') }),
  todos: documentTodos,
  notifications: documentNotices,
});
