import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64, utf8Encode } from './bytes';
import { canonicalJson } from './canonical-json';
import { answerChallenge, checkChallengeResponse, createChallenge } from './challenge';
import type { CryptoError } from './errors';
import { canonicalEventBytes, contentHash, signEvent, verifyEvent, type WorkflowEvent } from './events';
import { testPki } from './test-pki';

const DAY = 86_400_000;

describe('canonical JSON', () => {
  it('sorts keys at every level and has no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null, 'x'], c: '葛\u{E0100}' } })).toBe('{"a":{"c":"葛\u{E0100}","d":[true,null,"x"]},"b":1}');
    expect(canonicalJson({ b: 1, a: 2 })).toBe(canonicalJson({ a: 2, b: 1 }));
  });

  it('refuses values with more than one reading', () => {
    for (const bad of [1.5, -0, NaN, Infinity, 2 ** 53, { a: undefined }, [undefined], new Date(0), '\uD800', { '\uDC00': 1 }, () => 1, 10n]) {
      expect(() => canonicalJson(bad)).toThrow();
    }
  });
});

describe('signed workflow events', async () => {
  const { users, trust, start } = await testPki(['zhangsan', 'lisi', 'wangwu'], { revoked: ['wangwu'] });
  const content = utf8Encode('关于开展专项督查的通知(正文)');
  const event: WorkflowEvent = {
    recordId: 'rec-001',
    type: '签发',
    payload: { opinion: '同意,请办公室印发。', copies: 30, to: ['市发改委', '市财政局'] },
    actor: 'zhangsan',
    time: new Date(start.getTime() + DAY).toISOString(),
    contentHash: contentHash(content),
  };
  const zs = users.zhangsan!;
  const signed = await signEvent(zs.provider, zs.handle, event);

  it('a signed event verifies and names its signer', () => {
    const v = verifyEvent(signed, trust);
    expect(v.status).toBe('valid');
    expect(v.status === 'valid' && v.signer).toBe('zhangsan');
  });

  it('the canonical bytes do not depend on key order', () => {
    const reordered = { contentHash: event.contentHash, time: event.time, actor: event.actor, payload: { to: ['市发改委', '市财政局'], copies: 30, opinion: '同意,请办公室印发。' }, type: event.type, recordId: event.recordId };
    expect(canonicalEventBytes(reordered)).toEqual(canonicalEventBytes(event));
    expect(verifyEvent({ event: reordered, signature: signed.signature! }, trust).status).toBe('valid');
  });

  it('any change to the event or to the content hash breaks the signature', () => {
    const changes: Array<Partial<WorkflowEvent>> = [
      { recordId: 'rec-002' },
      { type: '核稿' },
      { payload: { opinion: '同意,请办公室印发。', copies: 31, to: ['市发改委', '市财政局'] } },
      { time: new Date(start.getTime() + 2 * DAY).toISOString() },
      { contentHash: contentHash(utf8Encode('关于开展专项督查的通知(正文)。')) },
    ];
    for (const c of changes) {
      const v = verifyEvent({ event: { ...event, ...c }, signature: signed.signature! }, trust);
      expect(v).toMatchObject({ status: 'invalid', reason: 'BAD_SIGNATURE' });
    }
    const sig = fromBase64(signed.signature!.value);
    sig[10]! ^= 1;
    expect(verifyEvent({ event, signature: { ...signed.signature!, value: toBase64(sig) } }, trust).status).toBe('invalid');
    expect(verifyEvent({ event, signature: { ...signed.signature!, value: '!!' } }, trust)).toMatchObject({ status: 'invalid', reason: 'MALFORMED' });
  });

  it('a forged event — another user named as actor, signed with your own key — is refused', async () => {
    const ls = users.lisi!;
    await expect(signEvent(ls.provider, ls.handle, event)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    // Forging by hand: lisi signs zhangsan's event bytes with lisi's key and certificate.
    const forged = { event, signature: { algorithm: 'SM2-with-SM3' as const, certificate: toBase64(ls.certificate.der), value: toBase64(await ls.provider.sign(ls.handle, canonicalEventBytes(event))) } };
    expect(verifyEvent(forged, trust)).toMatchObject({ status: 'invalid', reason: 'ACTOR_MISMATCH' });
    // …or swapping zhangsan's certificate in: the signature no longer matches.
    const swapped = { event, signature: { ...forged.signature, certificate: toBase64(zs.certificate.der) } };
    expect(verifyEvent(swapped, trust)).toMatchObject({ status: 'invalid', reason: 'BAD_SIGNATURE' });
  });

  it('missing signatures, revoked and expired certificates are reported, not thrown', async () => {
    expect(verifyEvent({ event }, trust).status).toBe('missing');
    const ww = users.wangwu!;
    const late = { ...event, actor: 'wangwu', time: new Date(start.getTime() + 20 * DAY).toISOString() };
    expect(verifyEvent(await signEvent(ww.provider, ww.handle, late), trust)).toMatchObject({ status: 'untrusted', code: 'CERT_REVOKED' });
    const early = { ...late, time: new Date(start.getTime() + 5 * DAY).toISOString() };
    expect(verifyEvent(await signEvent(ww.provider, ww.handle, early), trust).status).toBe('valid'); // before the revocation
    const expired = { ...event, time: new Date(start.getTime() + 400 * DAY).toISOString() };
    expect(verifyEvent(await signEvent(zs.provider, zs.handle, expired), trust)).toMatchObject({ status: 'untrusted', code: 'CERT_EXPIRED' });
    expect(verifyEvent(signed, { anchors: [] })).toMatchObject({ status: 'untrusted', code: 'CERT_UNTRUSTED' });
  });
});

describe('certificate login challenge', async () => {
  const { users, trust, start } = await testPki(['zhangsan', 'lisi']);
  const now = new Date(start.getTime() + DAY);
  const code = (f: () => unknown) => {
    try {
      return f();
    } catch (e) {
      return (e as CryptoError).code;
    }
  };

  it('the server learns the login from a signed challenge; replays, other servers and stale answers fail', async () => {
    const zs = users.zhangsan!;
    const challenge = createChallenge('sync.example.gov.cn', now);
    const response = await answerChallenge(zs.provider, zs.handle, challenge);
    expect(checkChallengeResponse(challenge, response, trust, now)).toBe('zhangsan');
    expect(code(() => checkChallengeResponse(createChallenge('sync.example.gov.cn', now), response, trust, now))).toBe('BAD_INPUT');
    const other = { ...challenge, audience: 'evil.example.com' };
    expect(code(() => checkChallengeResponse(other, { ...response, challenge: other }, trust, now))).toBe('BAD_INPUT');
    expect(code(() => checkChallengeResponse(challenge, response, trust, new Date(now.getTime() + 10 * 60_000)))).toBe('BAD_INPUT');
    const ls = users.lisi!;
    const mixed = { ...response, certificate: toBase64(ls.certificate.der) };
    expect(code(() => checkChallengeResponse(challenge, mixed, trust, now))).toBe('BAD_INPUT');
  });
});
