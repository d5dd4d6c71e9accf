import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentWorkflow } from '../../core/documents/view';
import type { IncomingWorkflow } from '../../core/incoming/view';
import type { Dispatch } from '../../core/ipc/dispatch';
import type { RecordDetail } from '../../core/ipc/records';
import type { SignatureList } from '../../core/ipc/signatures';
import { fieldsOf, setBodyText } from '../../core/records/record-doc';
import { createAppDispatch } from '../app/handlers-index';
import { createSession } from '../app/session';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { named } from '../../core/documents/testing/people';
import { CLASSIFIED_REFUSAL } from '../../core/documents/secrecy';

afterEach(() => removeTempDirs());

/** One profile, people switched as in 演示身份切换; the clock moves a day per step. */
function app() {
  const store = Store.open({ dir: tempDir() });
  const session = createSession();
  let t = Date.parse('2022-07-04T01:00:00Z');
  const dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date((t += 60_000)) });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const fail = async (channel: string, input: unknown) => {
    const r = await dispatch(channel, input);
    if (r.ok) throw new Error(`${channel} should have failed`);
    return r.error;
  };
  const as = (login: string) => session.switchTo(login);
  return { store, dispatch: dispatch as Dispatch, call, fail, as };
}

describe('发文 → 收文 through the handlers', () => {
  it('拟稿 a 通知 → 核稿 退回 → fixed → 核稿 → 签发 → 编号 (本地编号) → 用印 → 分发 → 签收 at both units → 传阅 → 阅毕', async () => {
    const { store, call, fail, as } = app();
    as('bgt.li');
    const { id } = await call<{ id: string }>('documents.draft', { docKind: '通知', title: '关于开展政务数据安全检查的通知', issuerCode: '厦府办' });
    store.change(id, (doc) => {
      fieldsOf(doc).set('mainRecipients', ['市工信局(大数据局)', '市审批管理局']);
      fieldsOf(doc).set('ccRecipients', ['省大数据管理局']);
      setBodyText(doc, '为加强政务数据安全,现就有关事项通知如下:\n一、检查范围');
    });
    let w = await call<DocumentWorkflow>('documents.workflow', { id });
    expect(w).toMatchObject({ phase: 'draft', phaseLabel: '拟稿', bodyMode: 'free', actions: ['submit', 'withdraw'] });
    w = await call('documents.step', { id, basis: w.head, step: { type: 'submit', reviewers: [named('bgt.zhao')] } });
    expect(w).toMatchObject({ phase: 'review', bodyMode: 'suggest', reviewers: [{ login: 'bgt.zhao', due: true, passed: false }] });

    as('bgt.zhao');
    w = await call('documents.step', { id, basis: w.head, step: { type: 'review', decision: 'return', opinion: '请补充检查时间' } });
    expect(w).toMatchObject({ phase: 'draft', opinions: [{ step: '核稿', name: '赵静', opinion: '请补充检查时间' }] });

    as('bgt.li');
    store.change(id, (doc) => setBodyText(doc, '为加强政务数据安全,现就有关事项通知如下:\n一、检查范围\n二、检查时间:7月31日前'));
    w = await call('documents.step', { id, basis: w.head, step: { type: 'submit', reviewers: [named('bgt.zhao')] } });
    as('bgt.zhao');
    w = await call('documents.step', { id, basis: w.head, step: { type: 'review', decision: 'pass', opinion: '同意' } });
    expect(w.phase).toBe('issue');
    // A 科员 cannot 签发.
    as('bgt.li');
    expect(await fail('documents.step', { id, basis: w.head, step: { type: 'issue', decision: 'approve' } })).toMatchObject({ code: 'BAD_INPUT', message: '只有领导可以签发' });
    as('leader.wang');
    w = await call('documents.step', { id, basis: w.head, step: { type: 'issue', decision: 'approve', opinion: '同意印发' } });
    expect(w).toMatchObject({ phase: 'issued', issue: { name: '王副秘书长', opinion: '同意印发' }, changedSinceIssue: [] });

    // The 签发's event records what the leader signed: its signature covers the record's content hash.
    const detail = await call<RecordDetail>('records.get', { id });
    const issueEntry = detail.history.find((h) => h.event.type === 'issue')!;
    expect(issueEntry.signature.status).toBe('valid');
    expect(issueEntry.event.payload.substance).toMatchObject({ body: expect.stringMatching(/^[0-9a-f]{64}$/) });

    as('bgt.sun');
    w = await call('documents.number', { id });
    expect(w).toMatchObject({ phase: 'numbered', number: { docNumber: '厦府办〔2022〕1号', local: true } });
    const fields = fieldsOf(store.getDoc(id)).toJSON();
    expect(fields).toMatchObject({ docNumber: '厦府办〔2022〕1号', writtenDate: '2022-07-04', signer: '王副秘书长' });
    // Numbered is final: no more edits.
    expect(await fail('records.update', { id, base: fields, patch: { title: '改' } })).toMatchObject({ message: '公文已编号定稿,不能再修改' });

    const sealed = await call<SignatureList>('signatures.sign', { id, kind: '用印' });
    expect(sealed.entries).toMatchObject([{ kind: '用印', unit: '市政府办公厅', status: 'valid' }]);
    w = await call('documents.workflow', { id });
    expect(w.phase).toBe('sealed');

    w = await call('documents.distribute', { id, external: [] });
    expect(w.phase).toBe('distributed');
    expect(w.copies.map((c) => [c.unit, c.role, c.phaseLabel])).toEqual([
      ['市工信局(大数据局)', '主送', '待签收'],
      ['市审批管理局', '主送', '待签收'],
    ]);
    expect(w.external).toEqual(['省大数据管理局']);
    // The seal still covers the content after 分发.
    expect((await call<SignatureList>('signatures.list', { id })).entries[0]?.status).toBe('valid');

    const gxj = w.copies[0]!.incomingId;
    as('gxj.wu');
    let i = await call<IncomingWorkflow>('incoming.workflow', { id: gxj });
    expect(i).toMatchObject({ phase: 'delivered', unit: '市工信局(大数据局)', source: { id, docNumber: '厦府办〔2022〕1号', role: '主送' } });
    i = await call('incoming.workflow', { id: (await call<RecordDetail>('records.act', { id: gxj, basis: i.head, type: 'receive', payload: {} })).id });
    expect(i).toMatchObject({ phase: 'received', received: { name: '吴文秘' } });
    expect(await fail('incoming.register', { id: gxj, basis: i.head, fromUnit: '市政府办公厅', secrecy: '秘密★1年' })).toMatchObject({ message: CLASSIFIED_REFUSAL });
    i = await call('incoming.register', { id: gxj, basis: i.head, fromUnit: '市政府办公厅', fromDocNumber: '厦府办〔2022〕1号', dueDate: '2022-07-29' });
    expect(i.registration).toMatchObject({ receiptNo: '2022-0001', local: true, dueDate: '2022-07-29' });
    for (const [type, payload] of [
      ['review', { decision: 'pass' }],
      ['propose', { opinion: '拟请郑局长阅示' }],
    ] as const) {
      await call('records.act', { id: gxj, basis: (await call<IncomingWorkflow>('incoming.workflow', { id: gxj })).head, type, payload });
    }
    as('gxj.zheng');
    i = await call('incoming.workflow', { id: gxj });
    await call('records.act', { id: gxj, basis: i.head, type: 'instruct', payload: { instruction: '请数据处牵头落实', lead: '市工信局(大数据局)', readers: [named('gxj.chen'), named('gxj.zheng')], supervise: true } });
    await call('records.act', { id: gxj, basis: null, type: 'read', payload: { opinion: '阅' } });
    i = await call('incoming.workflow', { id: gxj });
    expect(i.copies.map((c) => [c.name, c.readAt !== null, c.opinion])).toEqual([
      ['陈志强', false, ''],
      ['郑局长', true, '阅'],
    ]);
    // 批办 → 督办 in one step, linked both ways.
    as('dcs.lin');
    i = await call('incoming.toSupervision', { id: gxj, items: [{ title: '完成政务数据安全检查', lead: ['市工信局(大数据局)'], deadline: '2022-07-31' }] });
    expect(i.supervisionItems).toEqual([{ id: expect.any(String), title: '完成政务数据安全检查' }]);
    const item = await call<{ sourceId: string | null }>('supervision.get', { id: i.supervisionItems[0]!.id });
    expect(item.sourceId).toBe(gxj);

    // The other unit has its own copy; 收文号 are per unit.
    as('spj.lin');
    const spj = w.copies[1]!.incomingId;
    const h = await call<RecordDetail>('records.act', { id: spj, basis: (await call<IncomingWorkflow>('incoming.workflow', { id: spj })).head, type: 'receive', payload: {} });
    i = await call('incoming.register', { id: spj, basis: h.head, fromUnit: '市政府办公厅' });
    expect(i.registration?.receiptNo).toBe('2022-0001');

    // Lists and statuses.
    expect((await call<{ title: string; status: string }[]>('documents.list', { status: '已分发' })).map((r) => r.status)).toEqual(['已分发']);
    expect((await call<{ id: string }[]>('incoming.list', { status: '办理中' })).map((r) => r.id)).toEqual([gxj]);
    store.close();
  });

  it('a draft marked 秘密 is refused at 拟稿; a 函 drafted from another record is linked both ways', async () => {
    const { store, call, fail, as } = app();
    as('bgt.li');
    expect(await fail('documents.draft', { docKind: '通知', secrecy: '秘密★1年' })).toMatchObject({ code: 'BAD_INPUT', message: CLASSIFIED_REFUSAL });
    const { id: source } = await call<{ id: string }>('documents.draft', { docKind: '请示', title: '关于增加编制的请示' });
    const { id } = await call<{ id: string }>('documents.draftFrom', { sourceId: source, docKind: '函' });
    expect((await call<DocumentWorkflow>('documents.workflow', { id })).source).toEqual({ id: source, kind: 'document', label: '公文《关于增加编制的请示》' });
    expect(fieldsOf(store.getDoc(id)).get('title')).toBe('关于关于增加编制的请示的答复函');
    expect((await call<{ id: string }[]>('documents.drawnFrom', { sourceId: source })).map((r) => r.id)).toEqual([id]);
    store.close();
  });

  it('a substantive change after 签发 blocks 编号 until the signer 复核s it', async () => {
    const { store, call, fail, as } = app();
    as('bgt.li');
    const { id } = await call<{ id: string }>('documents.draft', { docKind: '报告', issuerCode: '厦府办' });
    let w = await call<DocumentWorkflow>('documents.step', { id, basis: null, step: { type: 'submit' } });
    as('leader.wang');
    w = await call('documents.step', { id, basis: w.head, step: { type: 'issue', decision: 'approve', opinion: '同意' } });
    store.change(id, (doc) => setBodyText(doc, '现将有关情况报告如下:\n一、新增的一段'));
    as('bgt.sun');
    expect((await call<DocumentWorkflow>('documents.workflow', { id })).changedSinceIssue).toEqual(['正文']);
    expect(await fail('documents.number', { id })).toMatchObject({ code: 'CONFLICT', message: '签发后正文有实质性修改,须送签发人复核' });
    w = await call('documents.step', { id, basis: w.head, step: { type: 'recheck_request' } });
    expect(w).toMatchObject({ phase: 'recheck', actions: [] });
    as('leader.wang');
    w = await call('documents.step', { id, basis: w.head, step: { type: 'recheck', decision: 'approve', opinion: '同意修改' } });
    as('bgt.sun');
    expect((await call<DocumentWorkflow>('documents.number', { id })).number?.docNumber).toBe('厦府办〔2022〕1号');
    // 上行文 carry 签发人 in the header.
    expect(fieldsOf(store.getDoc(id)).get('signer')).toBe('王副秘书长');
    store.close();
  });
});
