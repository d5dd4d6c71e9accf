import { z } from 'zod';
import { defineArea } from '../kernel/area';
import { signingAreaParts, type SignedRecordState } from '../records/sign-area';
import { IncomingFields } from './model';
import { incomingFieldsOf, incomingRow } from './projection';

/** 收文 are registered by the office (办公室/文秘) or the 督查室 (which imports 工作要点 documents); administrators correct them. */
const REGISTRARS: ReadonlySet<string> = new Set(['office', 'supervisor', 'admin']);

export type IncomingState = SignedRecordState;

/**
 * 收文 as a kernel area: the list projection (`incoming`, as before the kernel), search over title,
 * 正文, 发文字号 and 发文机关, and 签发/用印 (`sign` events) as its one event type until the 收文
 * workflow (登记, 拟办, 批办, 传阅) is built.
 */
export const incomingArea = defineArea<IncomingState, IncomingFields>({
  kind: 'incoming',
  label: '收文',
  fieldLabels: { title: '标题', issuer: '发文机关', docNumber: '发文字号', writtenDate: '成文日期', receivedAt: '收文时间' },
  input: IncomingFields,
  fields: z.unknown().transform((json) => incomingFieldsOf(json)),
  ...signingAreaParts(REGISTRARS, '只有办公室或督查室可以登记和修改收文'),
  projection: {
    tables: ['incoming'],
    migrations: [
      `CREATE TABLE incoming (
        rid INTEGER PRIMARY KEY REFERENCES records(rid),
        id TEXT NOT NULL,
        title TEXT NOT NULL,
        issuer TEXT NOT NULL,
        doc_number TEXT NOT NULL,
        written_date TEXT,
        received_at TEXT NOT NULL
      );
      CREATE INDEX incoming_by_received ON incoming(received_at);`,
    ],
    rows: (view) => {
      const r = incomingRow(view.id, view.fields);
      return { incoming: [{ id: r.id, title: r.title, issuer: r.issuer, doc_number: r.docNumber, written_date: r.writtenDate, received_at: r.receivedAt }] };
    },
  },
  // 发文字号 and 发文机关 are searchable as notes.
  search: (view) => ({ title: view.fields.title, body: view.body, notes: [view.fields.docNumber, view.fields.issuer].filter(Boolean).join(' ') }),
});
