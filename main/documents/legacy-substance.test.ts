import { afterEach, describe, expect, it } from 'vitest';
import { legacyBodyHash } from '../../core/documents/substance';
import { person } from '../../core/documents/testing/people';
import type { DocumentWorkflow } from '../../core/documents/view';
import { bodyText, setBodyText } from '../../core/records/record-doc';
import { createAppDispatch } from '../app/handlers-index';
import { createSession } from '../app/session';
import { act } from '../kernel/act';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { currentSubstance } from './workflow-view';

afterEach(() => removeTempDirs());

describe('a 签发 signed before its 正文 hash covered the 清稿', () => {
  it('stays valid while the body is unchanged, and a change still needs 复核', async () => {
    const store = Store.open({ dir: tempDir() });
    const session = createSession();
    const dispatch = createAppDispatch({ store, shell: 'web', session, now: () => new Date('2022-07-04T02:00:00Z') });
    const call = async <T>(channel: string, input: unknown): Promise<T> => {
      const r = await dispatch(channel, input);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    };
    session.switchTo('bgt.li');
    const { id } = await call<{ id: string }>('documents.draft', { docKind: '报告', issuerCode: '厦府办' });
    let w = await call<DocumentWorkflow>('documents.step', { id, basis: null, step: { type: 'submit' } });
    // The 签发 as the earlier version wrote it: the body named by the SM3 of its plain text's JSON.
    const legacy = { ...currentSubstance(store, id), body: legacyBodyHash(bodyText(store.getDoc(id))) };
    act(store, store.registry, { id, basis: w.head, type: 'issue', payload: { decision: 'approve', opinion: '同意', substance: legacy } }, person('leader.wang'), new Date('2022-07-04T03:00:00Z'));
    session.switchTo('bgt.sun');
    w = await call('documents.workflow', { id });
    expect(w).toMatchObject({ phase: 'issued', changedSinceIssue: [] });
    expect(currentSubstance(store, id).body).toBe(legacy.body);

    store.change(id, (doc) => setBodyText(doc, '现将有关情况报告如下:\n一、新增的一段'));
    expect((await call<DocumentWorkflow>('documents.workflow', { id })).changedSinceIssue).toEqual(['正文']);
    store.close();
  });
});
