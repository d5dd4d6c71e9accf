import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from '../core/crypto/bytes';
import { testPki } from '../core/crypto/test-pki';
import { eventsOf, fieldsOf } from '../core/records/record-doc';
import { createSignEvent } from '../core/records/sign-event';
import { testUnitSeal } from '../core/testing/test-seal';
import type { SupervisionEvent } from '../core/supervision/events';
import { recordContentHash, signSupervisionEvent } from '../core/supervision/signature';
import { ConfigError, parseConfig } from './config';
import { checkSignedEvents, mayAddEvents } from './signed-events';

describe('signed events at the server', async () => {
  const { users, trust, start } = await testPki(['dcs.lin', 'spj.zhang', 'revoked.li', 'seal-maker'], { revoked: ['revoked.li'] });
  const base = () => {
    const doc = new Y.Doc();
    fieldsOf(doc).set('kind', 'supervision');
    return doc;
  };
  const event = (actor: string): SupervisionEvent => ({
    id: `e-${actor}`,
    type: 'close',
    actor,
    by: { login: actor, name: actor, unit: '市政府督查室', role: 'supervisor' },
    at: new Date(start.getTime() + 86_400_000).toISOString(),
    basis: null,
    payload: { note: '' },
  });
  /** The update that appends `e` to a copy of `doc`. */
  const adding = (doc: Y.Doc, make: (copy: Y.Doc) => unknown) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(copy);
    eventsOf(copy).push([make(copy)]);
    return Y.encodeStateAsUpdate(copy, sv);
  };
  const signed = (copy: Y.Doc, login: string) => ({ ...event(login), sig: signSupervisionEvent('rec', event(login), recordContentHash(copy), users[login]!.signer, users[login]!.certificate) });
  const staff = (login: string) => ({ login, role: 'staff' as const });

  it('passes updates that add no event without decoding them', () => {
    const doc = base();
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(copy);
    fieldsOf(copy).set('title', '标题');
    const update = Y.encodeStateAsUpdate(copy, sv);
    expect(mayAddEvents(update)).toBe(false);
    expect(checkSignedEvents('rec', doc, update, staff('dcs.lin'), trust)).toBeNull();
  });

  it('督办 records: signed by the user; admins may write unsigned system imports', () => {
    const doc = base();
    expect(checkSignedEvents('rec', doc, adding(doc, (c) => signed(c, 'dcs.lin')), staff('dcs.lin'), trust)).toBeNull();
    expect(checkSignedEvents('rec', doc, adding(doc, (c) => signed(c, 'dcs.lin')), staff('spj.zhang'), trust)).toMatch(/不是当前登录用户/);
    expect(checkSignedEvents('rec', doc, adding(doc, () => event('dcs.lin')), staff('dcs.lin'), trust)).toMatch(/未签名/);
    expect(checkSignedEvents('rec', doc, adding(doc, () => event('system:import')), staff('dcs.lin'), trust)).toMatch(/管理员/);
    expect(checkSignedEvents('rec', doc, adding(doc, () => event('system:import')), { login: 'admin', role: 'admin' }, trust)).toBeNull();
    expect(checkSignedEvents('rec', doc, adding(doc, () => ({ not: 'an event', actor: 1, payload: 2 })), staff('dcs.lin'), trust)).toMatch(/格式/);
    // An event without a payload key (it defaults to {}) is not let through by the fast path.
    const { payload: _payload, ...bare } = event('dcs.lin');
    expect(checkSignedEvents('rec', doc, adding(doc, () => bare), staff('dcs.lin'), trust)).toMatch(/未签名/);
    // Turning a 督办 record into another kind in the same update does not escape its rules.
    const flipped = adding(doc, (c) => {
      fieldsOf(c).set('kind', 'incoming');
      return event('dcs.lin');
    });
    expect(checkSignedEvents('rec', doc, flipped, staff('dcs.lin'), trust)).toMatch(/未签名/);
  });

  describe('签发 / 用印 on other records (收文, 公文, no kind yet)', () => {
    const UNIT = '市审批管理局';
    const record = (kind: string | null) => {
      const doc = new Y.Doc();
      if (kind) fieldsOf(doc).set('kind', kind);
      fieldsOf(doc).set('title', '关于推行掌上办公的通知');
      return doc;
    };
    const seal = testUnitSeal(users['seal-maker']!, [users['spj.zhang']!, users['revoked.li']!], UNIT, start);
    /** A 签发/用印 over `copy` as `actor`, signed with `key`'s key, `days` after the PKI start. */
    const sign = (copy: Y.Doc, kind: '签发' | '用印', actor: string, key = actor, days = 1) =>
      createSignEvent('rec', copy, {
        kind,
        eventId: `${kind}-${actor}-${days}`,
        actor,
        at: new Date(start.getTime() + days * 86_400_000),
        basis: null,
        by: { name: actor, unit: UNIT, role: 'leader' },
        signer: users[key]!.signer,
        certificate: users[key]!.certificate.der,
        ...(kind === '用印' ? { seal } : {}),
      });
    const other = (actor: string, type = 'review') => ({ id: `x-${actor}`, type, actor, at: start.toISOString(), basis: null, payload: {} });

    it('accepts the user\'s own valid 签发 and 用印', () => {
      for (const kind of ['incoming', 'document', null]) {
        const doc = record(kind);
        expect(checkSignedEvents('rec', doc, adding(doc, (c) => sign(c, '签发', 'dcs.lin')), staff('dcs.lin'), trust), String(kind)).toBeNull();
        expect(checkSignedEvents('rec', doc, adding(doc, (c) => sign(c, '用印', 'spj.zhang')), staff('spj.zhang'), trust), String(kind)).toBeNull();
      }
    });

    it('refuses a forged actor, another user\'s event, a broken signature, a revoked certificate, a foreign record', () => {
      const doc = record('incoming');
      const check = (make: (c: Y.Doc) => unknown, login = 'dcs.lin') => checkSignedEvents('rec', doc, adding(doc, make), staff(login), trust);
      // Another user's name, my key.
      expect(check((c) => sign(c, '签发', 'spj.zhang', 'dcs.lin'))).toMatch(/不是当前登录用户/);
      // My name, my key, but pushed by someone else.
      expect(check((c) => sign(c, '签发', 'dcs.lin'), 'spj.zhang')).toMatch(/不是当前登录用户/);
      // My name, another user's key: the certificate names someone else.
      expect(check((c) => sign(c, '签发', 'dcs.lin', 'spj.zhang'))).toMatch(/冒用他人名义/);
      expect(check((c) => sign(c, '用印', 'dcs.lin', 'spj.zhang'))).toMatch(/冒用他人名义/);
      const flip = (e: ReturnType<typeof sign>) => {
        const bytes = fromBase64(e.payload.signature as string);
        bytes[bytes.length - 1]! ^= 1;
        return { ...e, payload: { ...e.payload, signature: toBase64(bytes) } };
      };
      expect(check((c) => flip(sign(c, '签发', 'dcs.lin')))).toMatch(/签名无效/);
      expect(check((c) => ({ ...sign(c, '签发', 'dcs.lin'), payload: { ...sign(c, '签发', 'dcs.lin').payload, by: { name: '市长', unit: '市政府', role: 'leader' } } }))).toMatch(/签名无效/);
      expect(check((c) => sign(c, '签发', 'revoked.li', 'revoked.li', 20), 'revoked.li')).toMatch(/证书已吊销/);
      expect(check((c) => sign(c, '用印', 'revoked.li', 'revoked.li', 20), 'revoked.li')).toMatch(/证书已吊销/);
      expect(check((c) => sign(c, '签发', 'revoked.li', 'revoked.li', 1), 'revoked.li')).toBeNull();
      // Signed for another record, replayed onto this one.
      expect(checkSignedEvents('rec-2', doc, adding(doc, (c) => sign(c, '签发', 'dcs.lin')), staff('dcs.lin'), trust)).toMatch(/签名无效/);
      expect(checkSignedEvents('rec-2', doc, adding(doc, (c) => sign(c, '用印', 'spj.zhang')), staff('spj.zhang'), trust)).toMatch(/签名无效/);
      // Without a signature at all, or with a payload that does not parse.
      expect(check((c) => ({ ...sign(c, '签发', 'dcs.lin'), payload: {} }))).toMatch(/签名无效/);
      expect(check(() => ({ ...other('dcs.lin', 'sign') }))).toMatch(/签名无效/);
      // Several events in one update: one bad one refuses the update.
      expect(
        checkSignedEvents(
          'rec',
          doc,
          (() => {
            const copy = new Y.Doc();
            Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
            const sv = Y.encodeStateVector(copy);
            eventsOf(copy).push([sign(copy, '签发', 'dcs.lin'), sign(copy, '签发', 'spj.zhang', 'dcs.lin')]);
            return Y.encodeStateAsUpdate(copy, sv);
          })(),
          staff('dcs.lin'),
          trust,
        ),
      ).toMatch(/不是当前登录用户/);
    });

    it('other event types: well-formed, in the user\'s own name; system actors only from admins', () => {
      const doc = record('document');
      const check = (make: (c: Y.Doc) => unknown, user: { login: string; role: 'staff' | 'admin' } = staff('dcs.lin')) => checkSignedEvents('rec', doc, adding(doc, make), user, trust);
      expect(check(() => other('dcs.lin'))).toBeNull();
      expect(check(() => other('spj.zhang'))).toMatch(/不是当前登录用户/);
      const { payload: _payload, ...bare } = other('spj.zhang');
      expect(check(() => bare)).toMatch(/不是当前登录用户/);
      expect(check(() => ({ actor: 'dcs.lin', payload: 'not an event' }))).toMatch(/格式/);
      expect(check(() => other('system:import'))).toMatch(/管理员/);
      expect(check(() => other('system:import'), { login: 'admin', role: 'admin' })).toBeNull();
      // A 签发 always needs a valid signature, even from an administrator.
      expect(check(() => other('system:import', 'sign'), { login: 'admin', role: 'admin' })).toMatch(/不是当前登录用户/);
      expect(check(() => other('admin', 'sign'), { login: 'admin', role: 'admin' })).toMatch(/签名无效/);
    });
  });

  it('--trust-ca and --crl are options; --crl alone is an error', () => {
    expect(parseConfig(['--data', '/tmp/x', '--trust-ca', 'ca.pem', '--crl', 'crl.pem'])).toMatchObject({ trustCa: 'ca.pem', crl: 'crl.pem' });
    expect(parseConfig(['--data', '/tmp/x']).trustCa).toBeUndefined();
    expect(() => parseConfig(['--data', '/tmp/x', '--crl', 'crl.pem'])).toThrow(ConfigError);
  });
});
