import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64, fromBase64 } from '../../core/crypto/bytes';
import type { DocumentWorkflow } from '../../core/documents/view';
import { named } from '../../core/documents/testing/people';
import { HeadlessEditor } from '../../core/editor/headless';
import type { BodyStep, BodyStepText, EditorSession, Markup } from '../../core/ipc/editor';
import { bodyText, setBodyText } from '../../core/records/record-doc';
import type { OpenedApp } from '../../main/app/open-app';
import { appCall as call, callWithPin } from '../helpers/pin-dispatch';
import { untilValue as until } from './helpers';
import { idle, trustedServerApps } from './trusted-apps';

/**
 * 正文快照 between machines, through a real sync server that checks signatures (--trust-ca): each
 * 发文 step's body state is a blob its event names, uploaded by the machine that made the step and
 * downloaded by the record's other readers, so the reviewer's and the leader's machines show the
 * 花脸稿 between steps they did not make, and the drafter's machine shows the 清稿 the leader
 * signed, checked against the signature.
 */
/** The steps `app` knows once it has `count` of them. */
const stepsOn = (app: OpenedApp, id: string, count: number) =>
  until(async () => {
    if (!app.store.has(id)) return null;
    const steps = await call<BodyStep[]>(app, 'editor.steps', { id });
    return steps.length >= count ? steps : null;
  }, `${count} body steps`);

/** A comparison on `app`, once the steps' blobs have arrived (CONFLICT 正文快照尚未同步到本机 until then). */
async function compareOn(app: OpenedApp, id: string, from: string | null, to: string | null): Promise<Markup> {
  let last = '';
  return until(async () => {
    const r = await callWithPin(app.dispatch, 'editor.compare', { id, from, to });
    if (r.ok) return r.value as Markup;
    last = r.error.message;
    expect(r.error.code, last).toBe('CONFLICT');
    return null;
  }, `the snapshots' blobs (${last})`);
}

describe('正文快照 through the real sync server', () => {
  const apps = trustedServerApps('snapshots', ['bgt.li', 'bgt.zhao', 'leader.wang']);

  it('the reviewer sees the draft step, her 修订 reach the leader as hers, and the drafter verifies the 清稿 the leader signed', async () => {
    const drafter = apps.get('bgt.li')!;
    const reviewer = apps.get('bgt.zhao')!;
    const leader = apps.get('leader.wang')!;
    const { id } = await call<{ id: string }>(drafter, 'documents.draft', { docKind: '通知', title: '关于报送数字化转型进展的通知', issuerCode: '厦府办' });
    drafter.store.change(id, (doc) => setBodyText(doc, '各单位:\n请于六月底前报送进展情况。'));
    let w = await call<DocumentWorkflow>(drafter, 'documents.step', { id, basis: null, step: { type: 'submit', reviewers: [named('bgt.zhao')] } });
    await idle(drafter);

    // The reviewer's machine: the 送审 step, its blob downloaded, compared with the body now.
    const [submitted] = await stepsOn(reviewer, id, 1);
    // Events and the body's updates travel separately: the body may come a moment after the step.
    await until(() => bodyText(reviewer.store.getDoc(id)).includes('六月'), 'the body on the reviewer');
    const unchanged = await compareOn(reviewer, id, submitted!.eventId, null);
    expect(unchanged.flatMap((b) => b.segments.filter((s) => s.change))).toEqual([]);
    // She edits in 修订 (her editor window on her machine) and passes it.
    const replica = new Y.Doc();
    const opened = await call<EditorSession>(reviewer, 'editor.open', { id, viewer: 'win', sv: toBase64(Y.encodeStateVector(replica)) });
    Y.applyUpdate(replica, fromBase64(opened.update), 'main');
    expect(opened.bodyMode).toBe('suggest');
    const pushes: Array<Promise<unknown>> = [];
    replica.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== 'main') pushes.push(call(reviewer, 'editor.push', { id, update: toBase64(u) }));
    });
    const editor = new HeadlessEditor(replica, { author: opened.user, suggest: true });
    editor.edit((tr, state) => {
      let at = -1;
      state.doc.descendants((node, pos) => {
        if (at < 0 && node.isText && node.text!.includes('六月')) at = pos + node.text!.indexOf('六月');
      });
      tr.insertText('五月', at, at + 2);
    });
    await Promise.all(pushes);
    await until(async () => (await call<DocumentWorkflow>(reviewer, 'documents.workflow', { id })).head === w.head, 'the 送审 on the reviewer');
    w = await call(reviewer, 'documents.step', { id, basis: w.head, step: { type: 'review', decision: 'pass', opinion: '已改' } });
    await idle(reviewer);

    // The leader's machine: 送审 → 核稿 is exactly her 修订, named hers.
    const [from, reviewed] = await stepsOn(leader, id, 2);
    const review = await compareOn(leader, id, from!.eventId, reviewed!.eventId);
    expect(review.flatMap((b) => b.segments.filter((s) => s.change).map((s) => [s.change!.kind, s.text, s.change!.author?.login]))).toEqual([
      ['del', '六月', 'bgt.zhao'],
      ['ins', '五月', 'bgt.zhao'],
    ]);
    await until(async () => (await call<DocumentWorkflow>(leader, 'documents.workflow', { id })).phase === 'issue', '待签发 on the leader');
    w = await call(leader, 'documents.step', { id, basis: w.head, step: { type: 'issue', decision: 'approve', opinion: '同意' } });
    await idle(leader);

    // The drafter's machine: the 清稿 the leader signed, from the 签发's stored state, checked.
    const steps = await stepsOn(drafter, id, 3);
    const issued = steps.find((s) => s.label === '签发')!;
    const shown = await until(async () => {
      const r = await callWithPin(drafter.dispatch, 'editor.stepText', { id, step: issued.eventId });
      return r.ok ? (r.value as BodyStepText) : null;
    }, 'the 签发 snapshot on the drafter');
    expect(shown).toMatchObject({ text: '各单位:\n请于五月底前报送进展情况。', matches: true, signature: { status: 'valid', signer: 'leader.wang' } });
    const history = await call<{ history: { status: string; event: { type: string } }[] }>(drafter, 'records.get', { id });
    expect(history.history.map((h) => [h.event.type, h.status])).toEqual(['create', 'submit', 'review', 'issue'].map((t) => [t, 'confirmed']));
  });
});
