import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toBase64 } from '../../core/crypto/bytes';
import { applySealSync } from '../../core/crypto/seal/seal';
import { testPki } from '../../core/crypto/test-pki';
import { contentBytes, contentHash } from '../../core/records/content-hash';
import { fieldsOf, setBodyText, type WorkflowEvent } from '../../core/records/record-doc';
import { createSignEvent, legacySealPropertyInfo, SIGN_EVENT } from '../../core/records/sign-event';
import { testUnitSeal } from '../../core/testing/test-seal';
import { verifySignEvent } from './handlers';

const REC = 'rec-legacy';
const UNIT = '市审批管理局';

/** The 签发与用印 panel on 用印 events made before the seal covered the event's own fields. */
describe('early 用印 in the panel', async () => {
  const { users, trust, start } = await testPki(['seal-maker', 'spj.zhang']);
  const seal = testUnitSeal(users['seal-maker']!, [users['spj.zhang']!], UNIT, start);
  const doc = new Y.Doc();
  fieldsOf(doc).set('kind', 'incoming');
  setBodyText(doc, '各区人民政府:\n现将有关事项通知如下。');
  const when = new Date(start.getTime() + 86_400_000);
  const holder = users['spj.zhang']!;

  it('shows it as valid with the seal\'s unit and time, and the name marked 未核验', () => {
    const ses = applySealSync(seal.der, holder.signer, holder.certificate.der, { content: contentBytes(doc), time: when, propertyInfo: legacySealPropertyInfo(REC) });
    const e: WorkflowEvent = {
      id: 'old-1',
      type: SIGN_EVENT,
      actor: 'spj.zhang',
      at: when.toISOString(),
      basis: null,
      // A `by` nobody can check: the early seal does not cover it.
      payload: { kind: '用印', contentHash: contentHash(doc), signature: toBase64(ses), certificate: toBase64(holder.certificate.der), by: { name: '王市长', unit: '市政府', role: 'leader' } },
    };
    const entry = verifySignEvent(REC, e, contentHash(doc), trust);
    expect(entry).toMatchObject({ status: 'valid', signer: 'spj.zhang', signerName: '王市长(未核验)', unit: UNIT, time: when.toISOString() });
    expect(entry.message).toMatch(/早期用印/);
  });

  it('shows a current 用印 as it is, without the mark', () => {
    const e = createSignEvent(REC, doc, { kind: '用印', eventId: 'new-1', actor: 'spj.zhang', at: when, basis: null, by: { name: '张科员', unit: UNIT, role: 'unit_staff' }, signer: holder.signer, certificate: holder.certificate.der, seal });
    const entry = verifySignEvent(REC, e, contentHash(doc), trust);
    expect(entry).toMatchObject({ status: 'valid', signerName: '张科员', unit: UNIT, message: '签名有效,覆盖当前版本' });
  });
});
