import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordContentHash } from '../../core/kernel/signature';
import { PEOPLE } from '../../core/proposals/testing/events';
import { bodyText, fieldsOf } from '../../core/records/record-doc';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { importProposals } from './import';
import { proposalRepo } from './repository';
import { proposalCsv, proposalWorkbook, type WorkbookOptions } from './testing/workbook';

/**
 * 批量登记 from a realistic workbook of 200 rows with 5 broken ones: a missing 领衔人, a duplicate
 * 编号, an unknown unit, a bad date and an empty row. The report names each refused row by the
 * sheet's row number and why; the empty row is skipped; nothing is half-imported.
 */
const BROKEN: WorkbookOptions = { rows: 200, seed: 2024, broken: { missingLead: 12, duplicateOf: [57, 20], unknownUnit: 88, badDate: 120, empty: 150 } };
const EXPECTED_REFUSED = [
  { row: 12, reason: '缺少领衔人' },
  { row: 57, reason: '编号0019与第20行重复' },
  { row: 88, reason: '单位“市数字经济办”不在承办单位名录中' },
  { row: 120, reason: '提出日期“2024年13月45日”无法识别,应为2024-01-15这样的日期' },
];

let store: Store;
const now = new Date('2024-01-20T01:00:00Z');
const ctx = () => ({ store, actor: PEOPLE.office, now });

beforeEach(() => {
  store = Store.open({ dir: tempDir() });
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

describe('提案建议 import', () => {
  it('imports the 195 good rows of a 200-row workbook and names each refused row', async () => {
    const result = await importProposals(ctx(), { fileName: '十六届三次会议代表建议.xlsx', bytes: await proposalWorkbook(BROKEN) });
    expect(result).toEqual({ imported: 195, refused: EXPECTED_REFUSED, held: 0 });
    expect(store.count('proposal')).toBe(195);
    const page = proposalRepo(store).list({ q: '0001', offset: 0, limit: 5 }, '2024-01-20');
    expect(page.rows[0]).toMatchObject({ number: '0001', kind: '建议', status: 'registered', statusLabel: '待交办', light: 'green', deadline: null });
  });

  it('signs each record over the content it is created with (the hash from the rows equals the hash of the built record)', async () => {
    const seen: string[] = [];
    const signing = { sign: (id: string, hash: string) => (seen.push(`${id} ${hash}`), undefined), verify: () => [] };
    await importProposals({ ...ctx(), signing }, { fileName: 'a.xlsx', bytes: await proposalWorkbook({ rows: 5 }) });
    expect(seen).toHaveLength(5);
    for (const line of seen) {
      const [id, hash] = line.split(' ');
      const doc = store.getDoc(id!);
      expect(recordContentHash(fieldsOf(doc).toJSON(), bodyText(doc), [])).toBe(hash);
    }
  });

  it('imports nothing the second time', async () => {
    const bytes = await proposalWorkbook(BROKEN);
    await importProposals(ctx(), { fileName: 'a.xlsx', bytes });
    const again = await importProposals(ctx(), { fileName: 'a.xlsx', bytes });
    expect(again).toEqual({ imported: 0, refused: EXPECTED_REFUSED, held: 195 });
    expect(store.count('proposal')).toBe(195);
  });

  it('reads the same rows from a CSV (UTF-8), keeping 编号 0012 as text', async () => {
    const result = await importProposals(ctx(), { fileName: '建议.csv', bytes: new TextEncoder().encode(proposalCsv(BROKEN)) });
    expect(result).toEqual({ imported: 195, refused: EXPECTED_REFUSED, held: 0 });
    expect(proposalRepo(store).list({ q: '0012', offset: 0, limit: 1 }, '2024-01-20').rows[0]?.number).toBe('0012');
  });

  it('reads a CSV saved by Excel or WPS on Chinese Windows (GBK)', async () => {
    // 编号,标题,领衔人,主办单位 / 0012,关于加强校园周边交通安全管理的建议,王建华,市教育局 — in GBK.
    const gbk = Buffer.from(
      'b1e0bac52cb1eacce22cc1eccfcec8cb2cd6f7b0ecb5a5cebb0d0a303031322cb9d8d3dabcd3c7bfd0a3d4b0d6dcb1dfbdbbcda8b0b2c8abb9dcc0edb5c4bda8d2e92ccdf5bda8bbaa2ccad0bdccd3fdbed60d0a',
      'hex',
    );
    expect(await importProposals(ctx(), { fileName: '建议.csv', bytes: new Uint8Array(gbk) })).toEqual({ imported: 1, refused: [], held: 0 });
    expect(proposalRepo(store).list({ offset: 0, limit: 1 }, '2024-01-20').rows[0]).toMatchObject({ number: '0012', lead: '王建华', title: '关于加强校园周边交通安全管理的建议' });
  });

  it('refuses a 编号 already held under another title, and skips the exact same proposal', async () => {
    await importProposals(ctx(), { fileName: 'a.xlsx', bytes: await proposalWorkbook({ rows: 3 }) });
    const other = await importProposals(ctx(), { fileName: 'b.xlsx', bytes: await proposalWorkbook({ rows: 4, seed: 99 }) });
    expect(other.imported).toBe(1);
    expect(other.refused.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(other.refused[0]!.reason).toMatch(/^编号0001已有登记的件/);
  });

  it('is all or nothing: a failure while writing leaves no proposal behind', async () => {
    let n = 0;
    store.onEvent(
      () => {
        if (++n === 100) throw new Error('disk full');
      },
      { inTransaction: true },
    );
    await expect(importProposals(ctx(), { fileName: 'a.xlsx', bytes: await proposalWorkbook(BROKEN) })).rejects.toThrow('disk full');
    expect(store.count('proposal')).toBe(0);
  });

  it('refuses a file without the 编号/标题/领衔人 columns, a file that is not a workbook, and anyone but the liaison office', async () => {
    const csv = new TextEncoder().encode('届次,标题\n十六届,关于……的建议\n');
    await expect(importProposals(ctx(), { fileName: 'a.csv', bytes: csv })).rejects.toThrow('第1行应为列名,缺少:编号、领衔人');
    await expect(importProposals(ctx(), { fileName: 'a.xlsx', bytes: new TextEncoder().encode('not a zip') })).rejects.toThrow(/文件无法读取/);
    await expect(importProposals(ctx(), { fileName: 'a.pdf', bytes: csv })).rejects.toThrow('只能导入 .xlsx 或 .csv 文件:a.pdf');
    await expect(importProposals({ ...ctx(), actor: PEOPLE.lead }, { fileName: 'a.csv', bytes: csv })).rejects.toThrow('只有人大政协联络部门可以批量登记建议提案');
  });
});
