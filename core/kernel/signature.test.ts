import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { utf8Decode } from '../crypto/bytes';
import { canonicalEventBytes } from '../crypto/events';
import { testPki } from '../crypto/test-pki';
import { eventsOf, fieldsOf, setBodyText } from '../records/record-doc';
import { recordContentHash as docContentHash } from '../supervision/signature';
import type { RecordEvent } from './event';
import { recordContentHash, signedForm, signRecordEvent, verifyRecordEvent } from './signature';

/**
 * The kernel signs exactly the bytes 督办 events were signed with before it existed. The golden
 * values below were printed by the pre-kernel code (core/supervision/signature.ts at 644f9e6) for
 * the same record and event: if they change, every signed event in every profile stops verifying.
 */
const GOLDEN_HASH = '11cc3a087c4164e4cb074f567f90b9fe4a15ac042f3e4985145477628f030072';
const GOLDEN_BYTES =
  'xietong/workflow-event/v1\n{"actor":"spj.zhang","contentHash":"11cc3a087c4164e4cb074f567f90b9fe4a15ac042f3e4985145477628f030072","payload":{"basis":"e0","by":{"login":"spj.zhang","name":"张敏","role":"unit_staff","unit":"市审批管理局"},"id":"e1","payload":{"attachments":[],"milestones":[],"percent":40,"text":"进展","unit":"市审批管理局"}},"recordId":"rec-1","time":"2022-06-20T01:00:00.000Z","type":"report"}';

const event: RecordEvent = {
  id: 'e1',
  type: 'report',
  actor: 'spj.zhang',
  by: { login: 'spj.zhang', name: '张敏', unit: '市审批管理局', role: 'unit_staff' },
  at: '2022-06-20T01:00:00.000Z',
  basis: 'e0',
  payload: { unit: '市审批管理局', text: '进展', percent: 40, attachments: [], milestones: [] },
};

function legacyDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    fieldsOf(doc).set('kind', 'supervision');
    fieldsOf(doc).set('title', '推行掌上办公');
    fieldsOf(doc).set('ratio', 0.5);
    fieldsOf(doc).set('order', 3);
    setBodyText(doc, '第一段\n第二段');
    eventsOf(doc).push([{ id: 'e0', type: 'assign' }, { type: 'x' }]);
  });
  return doc;
}

describe('the one signed-event path', () => {
  it('hashes record content as the pre-kernel code did (fields, body, event ids; floats as strings)', () => {
    const doc = legacyDoc();
    expect(recordContentHash(fieldsOf(doc).toJSON(), '第一段\n第二段', ['e0', ''])).toBe(GOLDEN_HASH);
    expect(docContentHash(doc)).toBe(GOLDEN_HASH);
    expect(recordContentHash(fieldsOf(doc).toJSON(), '第一段\n第二段', ['e0'])).not.toBe(GOLDEN_HASH);
  });

  it('signs the same canonical bytes as before, so old signed 督办 events keep verifying', () => {
    expect(utf8Decode(canonicalEventBytes(signedForm('rec-1', event, GOLDEN_HASH)))).toBe(GOLDEN_BYTES);
  });

  it('verifies any area’s event the same way: signer, attestation, tampering, system actors', async () => {
    const { users, trust, start } = await testPki(['spj.zhang', 'memo.he'], {
      identities: { 'spj.zhang': { unit: '市审批管理局', role: 'unit_staff' }, 'memo.he': { unit: '市政府办公厅', role: 'office' } },
    });
    const at = new Date(start.getTime() + 86_400_000).toISOString();
    const memo: RecordEvent = {
      id: 'm1',
      type: 'submit',
      actor: 'memo.he',
      by: { login: 'memo.he', name: '何文秘', unit: '市政府办公厅', role: 'office' },
      at,
      basis: null,
      payload: { note: '请审批' },
    };
    const hash = recordContentHash({ kind: 'memo' }, '', []);
    const sig = signRecordEvent('memo-1', memo, hash, users['memo.he']!.signer, users['memo.he']!.certificate);
    expect(verifyRecordEvent('memo-1', { ...memo, sig }, trust)).toEqual({ status: 'valid', signer: 'memo.he' });
    expect(verifyRecordEvent('memo-1', { ...memo, sig, payload: { note: '改过' } }, trust)).toMatchObject({ status: 'invalid', code: 'BAD_SIGNATURE' });
    // A role the certificate does not attest (office claims leader) is refused.
    const claimed = { ...memo, by: { ...memo.by!, role: 'leader' as const } };
    const forged = signRecordEvent('memo-1', claimed, hash, users['memo.he']!.signer, users['memo.he']!.certificate);
    expect(verifyRecordEvent('memo-1', { ...claimed, sig: forged }, trust)).toMatchObject({ status: 'invalid', code: 'IDENTITY_MISMATCH' });
    expect(verifyRecordEvent('memo-1', { ...memo, actor: 'system:import' }, trust)).toMatchObject({ status: 'system' });
    expect(verifyRecordEvent('memo-1', memo, trust)).toMatchObject({ status: 'missing' });
  });
});
