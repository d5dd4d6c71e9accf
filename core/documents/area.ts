import { z } from 'zod';
import { defineArea } from '../kernel/area';
import { signingAreaParts, type SignedRecordState } from '../records/sign-area';
import { DocumentFields } from './model';
import { documentFieldsOf, documentRow } from './projection';

/** 公文 are drafted by the 督查室 (通报), leaders and the office; a unit's contact reads them (as for 生成通报 before). */
const DRAFTERS: ReadonlySet<string> = new Set(['supervisor', 'leader', 'office', 'admin']);

export type DocumentState = SignedRecordState;

/**
 * 发文 (records of kind `document`, e.g. a generated 通报) as a kernel area: the list projection
 * (`documents`, as before the kernel), search over title, 正文, 发文字号, 发文机关 and 文种, and
 * 签发/用印 (`sign` events) until the 公文 workflow (拟稿, 审核, 签发, 登记) is built.
 */
export const documentArea = defineArea<DocumentState, DocumentFields>({
  kind: 'document',
  label: '公文',
  fieldLabels: { docKind: '文种', title: '标题', issuer: '发文机关', docNumber: '发文字号', writtenDate: '成文日期', mainRecipients: '主送', ccRecipients: '抄送' },
  input: DocumentFields,
  fields: z.unknown().transform((json) => documentFieldsOf(json)),
  ...signingAreaParts(DRAFTERS, '承办单位不能起草或修改公文'),
  projection: {
    tables: ['documents'],
    migrations: [
      `CREATE TABLE documents (
        rid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        doc_kind TEXT NOT NULL,
        title TEXT NOT NULL,
        issuer TEXT NOT NULL,
        doc_number TEXT NOT NULL,
        written_date TEXT,
        period_from TEXT,
        period_to TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX documents_by_created ON documents(created_at DESC, rid DESC);`,
    ],
    rows: (view) => {
      const r = documentRow(view.id, view.fields);
      return {
        documents: [
          {
            id: r.id,
            doc_kind: r.docKind,
            title: r.title,
            issuer: r.issuer,
            doc_number: r.docNumber,
            written_date: r.writtenDate,
            period_from: r.period?.from ?? null,
            period_to: r.period?.to ?? null,
            created_at: r.createdAt,
          },
        ],
      };
    },
  },
  search: (view) => ({ title: view.fields.title, body: view.body, notes: [view.fields.docNumber, view.fields.issuer, view.fields.docKind].filter(Boolean).join(' ') }),
});
