import JSZip from 'jszip';
import { fieldsOf } from '../../core/records/record-doc';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../core/ipc/dispatch';
import type { RecordDetail, TodoEntry } from '../../core/ipc/records';
import type { ImportResult, ProposalPage, ProposalStats, ProposalView } from '../../core/proposals/contract';
import { createAppDispatch } from '../app/handlers-index';
import { createSession, type Session } from '../app/session';
import { dispatchClient } from '../app/testing/dispatch';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { proposalWorkbook } from './testing/workbook';

/**
 * The whole cycle through the dispatcher, as the renderer calls it, with signed events and the
 * demo PKI: import, 交办, 调整 asked and granted, 面商, the 答复函 drafted, 签发 and 用印, 答复,
 * 不满意 → 重新办理 → second 答复 → 满意 → 办结, then 公开 export and 统计.
 */
let store: Store;
let session: Session;
let dispatch: Dispatch;
let clock = new Date('2024-01-20T01:00:00Z');
const { ok, call } = dispatchClient(() => ({ dispatch, session }));
const at = (iso: string) => (clock = new Date(iso));

beforeEach(() => {
  store = Store.open({ dir: tempDir() });
  session = createSession();
  dispatch = createAppDispatch({ store, shell: 'web', session, now: () => clock });
});
afterEach(() => {
  store.close();
  removeTempDirs();
});

async function step(id: string, type: string, payload: Record<string, unknown>, as: string): Promise<RecordDetail> {
  const { head } = await ok<RecordDetail>('records.get', { id }, as);
  return ok<RecordDetail>('records.act', { id, basis: head, type, payload });
}

/** The 答复函 through the 公文 workflow: 送审, 签发 by the unit's leader, 编号, 用印. */
async function signLetter(documentId: string) {
  // The 机关代字 defaults to the unit's name + 函 (editable before 编号).
  expect(fieldsOf(store.getDoc(documentId)).get('issuerCode')).toBe('市教育局函');
  const submitted = await ok<{ head: string | null }>('documents.step', { id: documentId, basis: null, step: { type: 'submit' } }, 'jyj.lin');
  await ok('documents.step', { id: documentId, basis: submitted.head, step: { type: 'issue', decision: 'approve', opinion: '同意' } }, 'jyj.wu');
  await ok('documents.number', { id: documentId }, 'jyj.lin');
  await ok('signatures.sign', { id: documentId, kind: '用印' }, 'jyj.lin');
}

async function reply(id: string, resultClass: string) {
  const { head } = await ok<RecordDetail>('records.get', { id }, 'jyj.lin');
  return ok<ProposalView>('proposals.reply', { id, basis: head, resultClass, publish: true });
}

describe('提案建议 through the dispatcher', () => {
  it('runs the whole cycle, signed, with 待办 for each side and the 答复函 linked both ways', async () => {
    const base64 = Buffer.from(await proposalWorkbook({ rows: 5 })).toString('base64');
    expect(await ok<ImportResult>('proposals.import', { fileName: '建议.xlsx', base64 }, 'rd.xu')).toEqual({ imported: 5, refused: [], held: 0 });
    const [first] = (await ok<ProposalPage>('proposals.list', { limit: 1 })).rows;
    const id = first!.id;

    at('2024-01-22T01:00:00Z');
    expect((await ok<ProposalView>('proposals.view', { id }, 'rd.xu')).actions).toEqual(['assign']);
    await step(id, 'assign', { lead: '市教育局', helpers: ['市卫健委'] }, 'rd.xu');
    const todoLead = await ok<TodoEntry[]>('todo.list', {}, 'jyj.lin');
    expect(todoLead.find((t) => t.id === id)).toMatchObject({ kind: 'reply', due: '2024-04-22' });
    expect((await ok<TodoEntry[]>('todo.list', {}, 'wjw.xie')).find((t) => t.id === id)).toMatchObject({ kind: 'opinion', due: '2024-03-22' });
    // Another unit sees the proposal locally only through access rules on the server; here it cannot act.
    const outsider = await call('records.act', { id, basis: null, type: 'contact', payload: { date: '2024-01-23', form: '电话', people: '王', summary: '…' } }, 'gxj.chen');
    expect(outsider).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: '只有本件的承办单位可以办理此项' } });

    // 协办 asks 调整 (out), the office grants it: 市卫健委 is no longer on it; the deadline starts again.
    at('2024-01-25T01:00:00Z');
    await step(id, 'adjust_request', { reason: '该事项不属本单位职责', suggestion: '建议改由市人社局协办' }, 'wjw.xie');
    const view = await ok<ProposalView>('proposals.view', { id }, 'rd.xu');
    expect(view.actions).toContain('adjust_decide');
    const requestId = (view.state.adjustRequests as Array<{ eventId: string }>)[0]!.eventId;
    at('2024-01-26T01:00:00Z');
    await step(id, 'adjust_decide', { request: requestId, granted: true, note: '同意调整', lead: '市教育局', helpers: ['市人社局'] }, 'rd.xu');
    expect((await ok<ProposalView>('proposals.view', { id }, 'jyj.lin')).deadlines[0]).toMatchObject({ name: '答复期限', due: '2024-04-26', rule: '调整后重新交办后3个月' });

    at('2024-02-20T01:00:00Z');
    await step(id, 'contact', { date: '2024-02-20', form: '座谈', people: '王建华代表、林晓', summary: '当面听取代表意见' }, 'jyj.lin');

    // 答复 needs the linked 函 签发 and 用印.
    at('2024-03-20T01:00:00Z');
    const { head } = await ok<RecordDetail>('records.get', { id }, 'jyj.lin');
    const { documentId } = await ok<{ documentId: string }>('proposals.draftReply', { id, basis: head });
    expect(await ok('proposals.ofDocument', { documentId })).toMatchObject({ id });
    const letter = await ok<RecordDetail>('records.get', { id: documentId });
    expect(letter.fields).toMatchObject({ docKind: '函', issuer: '市教育局', mainRecipients: [`${first!.lead}代表`] });
    expect((await call('proposals.reply', { id, basis: (await ok<RecordDetail>('records.get', { id })).head, resultClass: 'A', publish: true })).ok).toBe(false);
    await signLetter(documentId);
    const replied = await reply(id, 'A');
    expect(replied).toMatchObject({ phase: 'replied', phaseLabel: '已答复' });
    expect((await ok<TodoEntry[]>('todo.list', {}, 'rd.xu')).find((t) => t.id === id)).toMatchObject({ kind: 'satisfaction' });

    // 不满意 → 重新办理 → second 答复 → 满意 → 办结.
    at('2024-03-28T01:00:00Z');
    await step(id, 'satisfaction', { level: '不满意', date: '2024-03-27', note: '答复未回应核心诉求' }, 'rd.xu');
    await step(id, 'redo', { note: '请重新研究答复' }, 'rd.xu');
    expect((await ok<ProposalView>('proposals.view', { id }, 'jyj.lin')).deadlines.find((d) => d.name === '重新答复期限')).toMatchObject({ due: '2024-04-28', rule: '重新办理交办后1个月' });
    at('2024-04-10T01:00:00Z');
    const second = await ok<{ documentId: string }>('proposals.draftReply', { id, basis: (await ok<RecordDetail>('records.get', { id })).head });
    await signLetter(second.documentId);
    await reply(id, 'B');
    at('2024-04-15T01:00:00Z');
    await step(id, 'satisfaction', { level: '满意', date: '2024-04-15' }, 'rd.xu');
    await step(id, 'close', { note: '办结' }, 'rd.xu');
    const closed = await ok<ProposalView>('proposals.view', { id });
    expect(closed).toMatchObject({ phase: 'closed', light: 'none' });
    const history = (await ok<RecordDetail>('records.get', { id })).history;
    expect(history.map((h) => h.label)).toEqual(['创建', '交办', '申请调整', '调整审定', '沟通面商', '起草答复函', '答复', '满意度登记', '重新办理', '起草答复函', '答复', '满意度登记', '办结']);
    expect(history.every((h) => h.signature.status === 'valid')).toBe(true);

    const stats = await ok<ProposalStats>('proposals.stats', {});
    expect(stats).toMatchObject({ total: 5, closed: 1, replied: 1, onTime: 1, onTimeRate: 1 });
    expect(stats.byClass).toEqual([{ code: 'B', label: '正在解决或列入计划', count: 1 }]);
    expect(stats.byUnit[0]).toMatchObject({ unit: '市教育局', total: 1, closed: 1, satisfied: 1 });
    expect((await ok<ProposalPage>('proposals.list', { resultClass: 'B' })).rows.map((r) => r.id)).toEqual([id]);

    const html = await ok<{ base64: string; fileName: string }>('proposals.exportPublic', { format: 'html' });
    const text = Buffer.from(html.base64, 'base64').toString('utf8');
    expect(text).toContain('建议提案办理复文公开');
    expect(text).toContain('办理结果:B类(正在解决或列入计划)');
    expect(text).not.toContain('1385920'); // no contact details
    const docx = await ok<{ base64: string }>('proposals.exportPublic', { format: 'docx' });
    const xml = await (await JSZip.loadAsync(Buffer.from(docx.base64, 'base64'))).file('word/document.xml')!.async('string');
    expect(xml).toContain('感谢您对我们工作的关心和支持');
  });
});
