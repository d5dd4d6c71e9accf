import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type * as Y from 'yjs';
import { DocKind } from '../core/documents/model';
import { substanceOf } from '../core/documents/substance';
import { DEMO_USERS } from '../core/directory/demo-users';
import type { RecordEvent } from '../core/kernel/event';
import { fieldsOf, setBodyText } from '../core/records/record-doc';
import { createAppDispatch } from '../main/app/handlers-index';
import { createSession } from '../main/app/session';
import { Store } from '../main/store/store';
import { channelClient } from './dispatch-client';
import { docsIntakeFigures } from './docs-intake';
import { measureNumberAllocation } from './docs-numbers';
import type { BenchArgs } from './run';
import { p95 } from './store';

/**
 * `npm run bench -- docs [--n 100000]`: one JSON line.
 * - `docs_list_p95_ms`: the 发文 and 收文 lists as the pages ask for them (documents.list /
 *   incoming.list through the dispatcher, output schema included: the first page, a status
 *   filter, a later page) over N 公文 (half 发文 in three phases, half 收文); reference: the same
 *   page as a plain SQLite query in this run (`ref_sql_page_p95_ms`).
 * - `number_alloc_p95_ms`: 发文字号 allocation through a real sync server under 20 concurrent
 *   clients (docs-numbers.ts); reference: a loopback HTTP round trip to the same server.
 * - `pdf_10p_ms`, `archive_verify_ms`: the intake part's (bench/docs-intake.ts), on the same line.
 */
const BATCH = 1000;
const by = (login: string) => DEMO_USERS.find((u) => u.login === login)!;
const KINDS = DocKind.options;

function event(login: string, type: string, payload: Record<string, unknown>, basis: string | null, at: string): RecordEvent {
  const actor = by(login);
  return { id: randomUUID(), type, actor: login, by: actor, at, basis, payload };
}

/** The i-th 发文: a draft, 待签发 or 已签发 by turns. */
function documentRecord(i: number) {
  const at = new Date(Date.parse('2022-01-01T00:00:00Z') + i * 60_000).toISOString();
  const title = `关于第${i}项工作的${KINDS[i % KINDS.length]}`;
  const body = `为做好第${i}项工作,现就有关事项通知如下:\n一、工作要求`;
  const fields = { kind: 'document', docKind: KINDS[i % KINDS.length], title, issuer: '市政府办公厅', issuerMark: '市政府办公厅文件', docNumber: '', mainRecipients: ['市工信局(大数据局)'], ccRecipients: [], writtenDate: null, period: null, createdAt: at, updatedAt: at };
  const create = event('bgt.li', 'create', { kind: 'document' }, null, at);
  const submit = event('bgt.li', 'submit', { docKind: fields.docKind }, null, at);
  const issue = event('leader.wang', 'issue', { decision: 'approve', opinion: '同意', substance: substanceOf(fields, body) }, submit.id, at);
  const events = i % 3 === 0 ? [] : i % 3 === 1 ? [submit] : [submit, issue];
  const build = (doc: Y.Doc) => {
    for (const [k, v] of Object.entries(fields)) fieldsOf(doc).set(k, v);
    setBodyText(doc, body);
  };
  return { kind: 'document', build, createEvent: create, events };
}

function incomingRecord(i: number) {
  const at = new Date(Date.parse('2022-01-01T00:00:00Z') + i * 60_000).toISOString();
  const fields = { kind: 'incoming', title: `关于第${i}项工作的通知`, issuer: '省大数据管理局', docNumber: `闽数〔2022〕${i}号`, writtenDate: null, issuedDate: null, mainRecipients: [], ccRecipients: [], publicity: '', receivedAt: at, createdAt: at, updatedAt: at };
  const create = event('gxj.wu', 'create', { kind: 'incoming' }, null, at);
  const register = event('gxj.wu', 'register', { year: 2022, serial: i + 1, fromUnit: '省大数据管理局', dueDate: '2022-12-31' }, null, at);
  return { kind: 'incoming', build: (doc: Y.Doc) => Object.entries(fields).forEach(([k, v]) => fieldsOf(doc).set(k, v)), createEvent: create, events: i % 2 ? [register] : [] };
}

async function listFigures(n: number): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xietong-bench-docs-'));
  try {
    const store = Store.open({ dir });
    for (let i = 0; i < n; i += BATCH) {
      const batch = [];
      for (let j = i; j < Math.min(n, i + BATCH); j++) batch.push(j % 2 ? incomingRecord(j) : documentRecord(j));
      store.createMany(batch);
    }
    const db = store.use((d) => d);
    db.exec('ANALYZE');
    const session = createSession();
    session.switchTo('bgt.sun');
    const call = channelClient(createAppDispatch({ store, shell: 'web', session }));
    const requests: [string, unknown][] = [
      ['documents.list', { offset: 0, limit: 200 }],
      ['documents.list', { status: '待签发', offset: 0, limit: 200 }],
      ['documents.list', { offset: Math.min(2000, Math.floor(n / 4)), limit: 200 }],
      ['incoming.list', { offset: 0, limit: 200 }],
      ['incoming.list', { status: '待初审', offset: 0, limit: 200 }],
    ];
    const samples: number[] = [];
    for (const [channel, input] of requests) await call(channel, input); // statements prepared
    for (let round = 0; round < 40; round++) {
      for (const [channel, input] of requests) {
        const started = performance.now();
        const r = await call(channel, input);
        samples.push(performance.now() - started);
        if (!r.ok || (r.value as unknown[]).length === 0) throw new Error(`${channel}: 结果为空`);
      }
    }
    const page = db.prepare('SELECT id, doc_kind, title, issuer, doc_number, created_at, phase, number_local FROM documents ORDER BY created_at DESC, rid DESC LIMIT 200');
    const ref: number[] = [];
    for (let i = 0; i < 100; i++) {
      const started = performance.now();
      page.all();
      ref.push(performance.now() - started);
    }
    store.close();
    return { docs_list_p95_ms: p95(samples), ref_sql_page_p95_ms: p95(ref) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runDocsBench(args: BenchArgs): Promise<Record<string, unknown>> {
  const n = args.n ?? 100_000;
  const list = await listFigures(n);
  const numbers = await measureNumberAllocation();
  return {
    bench: 'docs',
    n,
    ...list,
    ...numbers,
    // The intake part's figures (pdf_10p_ms, archive_verify_ms), bench/docs-intake.ts.
    ...(await docsIntakeFigures()),
  };
}
