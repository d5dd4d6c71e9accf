import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fromBase64, toBase64 } from '../core/crypto/bytes';
import { testPki } from '../core/crypto/test-pki';
import { eventsOf, fieldsOf } from '../core/records/record-doc';
import { applySealSync } from '../core/crypto/seal/seal';
import { contentBytes } from '../core/records/content-hash';
import { createSignEvent, legacySealPropertyInfo } from '../core/records/sign-event';
import { testUnitSeal } from '../core/testing/test-seal';
import type { SupervisionEvent } from '../core/supervision/events';
import { recordContentHash, signSupervisionEvent } from '../core/supervision/signature';
import { ConfigError, parseConfig } from './config';
import { checkSignedEvents, mayAddEvents, MAX_EVENTS_PER_UPDATE } from './signed-events';
import { mayTouchKind } from './update-effects';

describe('signed events at the server', async () => {
  const supervisor = { unit: '市政府督查室', role: 'supervisor' };
  // Certificates attest the unit and role 督办 events claim (core/supervision/signature.ts).
  const { users, trust, start } = await testPki(['dcs.lin', 'spj.zhang', 'revoked.li', 'seal-maker'], { revoked: ['revoked.li'], identities: { 'dcs.lin': supervisor, 'spj.zhang': supervisor, 'revoked.li': supervisor } });
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
  const staff = (login: string) => ({ login, role: 'staff' as const, name: login, units: ['市政府督查室', '市审批管理局'] });
  const admin = { login: 'admin', role: 'admin' as const, name: '管理员', units: [] };
  /** The update `change` makes on a copy of `doc`. */
  const changing = (doc: Y.Doc, change: (copy: Y.Doc) => void) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const sv = Y.encodeStateVector(copy);
    change(copy);
    return Y.encodeStateAsUpdate(copy, sv);
  };
  /** What the server does: check the update, and store it only when accepted. */
  const write = (doc: Y.Doc, update: Uint8Array, user: Parameters<typeof checkSignedEvents>[3] = staff('dcs.lin')) => {
    const refused = checkSignedEvents('rec', doc, update, user, trust);
    if (!refused) Y.applyUpdate(doc, update);
    return refused;
  };
  const hasBytes = (update: Uint8Array, text: string) => Buffer.from(update).includes(Buffer.from(text));

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
    expect(checkSignedEvents('rec', doc, adding(doc, () => event('system:import')), admin, trust)).toBeNull();
    expect(checkSignedEvents('rec', doc, adding(doc, () => ({ not: 'an event', actor: 1, payload: 2 })), staff('dcs.lin'), trust)).toMatch(/格式/);
    // An event without a payload key (it defaults to {}) is not let through by the fast path.
    const { payload: _payload, ...bare } = event('dcs.lin');
    expect(checkSignedEvents('rec', doc, adding(doc, () => bare), staff('dcs.lin'), trust)).toMatch(/未签名/);
    // Turning a 督办 record into another kind in the same update does not escape its rules.
    const flipped = adding(doc, (c) => {
      fieldsOf(c).set('kind', 'incoming');
      return event('dcs.lin');
    });
    expect(checkSignedEvents('rec', doc, flipped, staff('dcs.lin'), trust)).toMatch(/记录类型不可更改/);
  });

  describe('the record kind', () => {
    it('cannot be switched away and back to slip an unsigned event past the 督办 rules', () => {
      const doc = base();
      const unsigned = () => adding(doc, () => event('dcs.lin'));
      expect(write(doc, unsigned())).toMatch(/未签名/);
      const toIncoming = changing(doc, (c) => fieldsOf(c).set('kind', 'incoming'));
      // Overwriting a map key names the old value, not the key: no "kind" (nor "actor") bytes.
      expect(hasBytes(toIncoming, 'kind') || mayAddEvents(toIncoming)).toBe(false);
      expect(write(doc, toIncoming)).toMatch(/记录类型不可更改/);
      expect(write(doc, changing(doc, (c) => fieldsOf(c).delete('kind')))).toMatch(/记录类型不可更改/);
      expect(write(doc, changing(doc, (c) => fieldsOf(c).set('kind', 'supervision')))).toBeNull();
      expect(write(doc, unsigned())).toMatch(/未签名/);
      expect(fieldsOf(doc).get('kind')).toBe('supervision');
      expect(eventsOf(doc).length).toBe(0);
    });

    it('cannot change on other records either, administrators included', () => {
      const doc = new Y.Doc();
      fieldsOf(doc).set('kind', 'incoming');
      expect(write(doc, changing(doc, (c) => fieldsOf(c).set('kind', 'document')), admin)).toMatch(/记录类型不可更改\(原为incoming\)/);
      expect(write(doc, changing(doc, (c) => fieldsOf(c).set('kind', 'supervision')))).toMatch(/记录类型不可更改/);
      expect(fieldsOf(doc).get('kind')).toBe('incoming');
    });

    it('a record without a kind becomes 督办 only if every event it holds passes the 督办 rules', () => {
      const doc = new Y.Doc();
      fieldsOf(doc).set('title', '推行掌上办公');
      // No kind yet: the record rules (well-formed, in the user's own name) let an unsigned event in.
      expect(write(doc, adding(doc, () => event('dcs.lin')))).toBeNull();
      expect(write(doc, changing(doc, (c) => fieldsOf(c).set('kind', 'supervision')))).toMatch(/不能改为督办事项:未签名/);
      expect(fieldsOf(doc).get('kind')).toBeUndefined();

      const signedDoc = new Y.Doc();
      expect(write(signedDoc, adding(signedDoc, (c) => signed(c, 'spj.zhang')), staff('spj.zhang'))).toBeNull();
      // Signed by another user than the one setting the kind: what counts is that its own actor signed it.
      expect(write(signedDoc, changing(signedDoc, (c) => fieldsOf(c).set('kind', 'supervision')))).toBeNull();
      expect(write(signedDoc, adding(signedDoc, () => event('dcs.lin')))).toMatch(/未签名/);
    });

    it('ordinary edits stay on the fast path', () => {
      const doc = base();
      fieldsOf(doc).set('title', '旧标题');
      const edit = changing(doc, (c) => {
        fieldsOf(c).set('title', '新标题');
        c.getText('body').insert(0, '正文');
      });
      expect(mayAddEvents(edit)).toBe(false);
      expect(mayTouchKind(doc, Y.decodeUpdate(edit), [])).toBe(false);
      expect(mayTouchKind(doc, Y.decodeUpdate(changing(doc, (c) => fieldsOf(c).set('kind', 'incoming'))), [])).toBe(true);
      expect(mayTouchKind(doc, Y.decodeUpdate(changing(doc, (c) => fieldsOf(c).delete('kind'))), [])).toBe(true);
    });
  });

  it('refuses more than MAX_EVENTS_PER_UPDATE events in one update', () => {
    const doc = new Y.Doc();
    fieldsOf(doc).set('kind', 'document');
    const many = (n: number) =>
      changing(doc, (c) => eventsOf(c).push(Array.from({ length: n }, (_, i) => ({ id: `r-${n}-${i}`, type: 'review', actor: 'dcs.lin', at: start.toISOString(), basis: null, payload: {} }))));
    expect(write(doc, many(MAX_EVENTS_PER_UPDATE + 1))).toMatch(new RegExp(`最多追加 ${MAX_EVENTS_PER_UPDATE} 条`));
    expect(write(doc, many(MAX_EVENTS_PER_UPDATE))).toBeNull();
    expect(eventsOf(doc).length).toBe(MAX_EVENTS_PER_UPDATE);
  });

  it('judges an update on top of the updates accepted but not applied yet (in flight)', () => {
    const doc = base();
    const first = new Y.Doc();
    Y.applyUpdate(first, Y.encodeStateAsUpdate(doc));
    const sv0 = Y.encodeStateVector(first);
    eventsOf(first).push([signed(first, 'dcs.lin')]);
    const u1 = Y.encodeStateAsUpdate(first, sv0);
    expect(checkSignedEvents('rec', doc, u1, staff('dcs.lin'), trust)).toBeNull();
    const sv1 = Y.encodeStateVector(first);
    eventsOf(first).push([{ ...signed(first, 'dcs.lin'), id: 'e-second', sig: undefined }]);
    const unsignedSecond = Y.encodeStateAsUpdate(first, sv1);
    // Without knowing of u1 the server cannot place the second event; with it, it judges it.
    expect(checkSignedEvents('rec', doc, unsignedSecond, staff('dcs.lin'), trust)).toMatch(/依赖服务器上没有的内容/);
    expect(checkSignedEvents('rec', doc, unsignedSecond, staff('dcs.lin'), trust, [u1])).toMatch(/未签名/);
    const valid = new Y.Doc();
    Y.applyUpdate(valid, Y.encodeStateAsUpdate(doc));
    Y.applyUpdate(valid, u1);
    const sv2 = Y.encodeStateVector(valid);
    eventsOf(valid).push([{ ...signed(valid, 'dcs.lin'), id: 'e-dcs.lin' }]);
    expect(checkSignedEvents('rec', doc, Y.encodeStateAsUpdate(valid, sv2), staff('dcs.lin'), trust, [u1])).toBeNull();
  });

  // 收文 signers: certificates attest what their 签发/用印 claim (core/records/sign-event.ts).
  const UNIT = '市审批管理局';
  const leader = { unit: UNIT, role: 'leader' };
  const claims: Record<string, { unit: string; role: string }> = { 'dcs.lin': supervisor, 'spj.zhang': leader, 'revoked.li': leader, 'staff.zhao': { unit: UNIT, role: 'unit_staff' } };
  const issuing = await testPki(['dcs.lin', 'spj.zhang', 'revoked.li', 'staff.zhao', 'plain.he', 'seal-maker'], { start, revoked: ['revoked.li'], identities: claims });

  describe('签发 / 用印 on other records (收文, 公文, no kind yet)', () => {
    const { users, trust } = issuing;
    const record = (kind: string | null) => {
      const doc = new Y.Doc();
      if (kind) fieldsOf(doc).set('kind', kind);
      fieldsOf(doc).set('title', '关于推行掌上办公的通知');
      return doc;
    };
    const seal = testUnitSeal(users['seal-maker']!, [users['spj.zhang']!, users['revoked.li']!, users['staff.zhao']!], UNIT, start);
    /** A 签发/用印 over `copy` as `actor`, signed with `key`'s key, `days` after the PKI start. */
    const sign = (copy: Y.Doc, kind: '签发' | '用印', actor: string, key = actor, days = 1) =>
      createSignEvent('rec', copy, {
        kind,
        eventId: `${kind}-${actor}-${days}`,
        actor,
        at: new Date(start.getTime() + days * 86_400_000),
        basis: null,
        by: { name: actor, ...(claims[actor] ?? leader) },
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

    it('签章人 (`by`) must be the user\'s account: its name, one of its units; 签发 only as 领导 or 督查室', () => {
      const doc = record('incoming');
      const withBy = (kind: '签发' | '用印', by: { name: string; unit: string; role: string }, login = 'spj.zhang') => (c: Y.Doc) =>
        createSignEvent('rec', c, { kind, eventId: `${kind}-by`, actor: login, at: new Date(start.getTime() + 86_400_000), basis: null, by, signer: users[login]!.signer, certificate: users[login]!.certificate.der, ...(kind === '用印' ? { seal } : {}) });
      const check = (make: (c: Y.Doc) => unknown, login = 'spj.zhang', units = [UNIT]) => checkSignedEvents('rec', doc, adding(doc, make), { login, role: 'staff', name: '张科长', units }, trust);
      expect(check(withBy('签发', { name: '张科长', unit: UNIT, role: 'leader' }))).toBeNull();
      // Signed, but a claim: the account says otherwise.
      expect(check(withBy('签发', { name: '王市长', unit: UNIT, role: 'leader' }))).toMatch(/签章人姓名\(王市长\)与账号登记的姓名\(张科长\)不符/);
      // A unit the account has, but the certificate does not attest; one the account lacks.
      expect(check(withBy('签发', { name: '张科长', unit: '市政府', role: 'leader' }), 'spj.zhang', [UNIT, '市政府'])).toMatch(/与证书载明的身份\(市审批管理局\/leader\)不符/);
      expect(check(withBy('用印', { name: '张科长', unit: '市政府', role: 'leader' }), 'spj.zhang', [UNIT, '市政府'])).toMatch(/签章人所称单位\(市政府\)与证书载明的单位\(市审批管理局\)不符/);
      expect(check(withBy('签发', { name: '张科长', unit: UNIT, role: 'leader' }), 'spj.zhang', ['市政府'])).toMatch(/签章人单位\(市审批管理局\)不是账号所属单位/);
      // A 签发 by a 科员: claiming to be a leader, or as what the certificate says.
      expect(check(withBy('签发', { name: '张科长', unit: UNIT, role: 'leader' }, 'staff.zhao'), 'staff.zhao')).toMatch(/签名无效.*与证书载明的身份\(市审批管理局\/unit_staff\)不符/);
      expect(check(withBy('签发', { name: '张科长', unit: UNIT, role: 'unit_staff' }, 'staff.zhao'), 'staff.zhao')).toMatch(/只有领导或督查室可以签发/);
      // A leader's certificate claiming a role that may not 签发.
      expect(check(withBy('签发', { name: '张科长', unit: UNIT, role: 'unit_staff' }))).toMatch(/与证书载明的身份/);
      // A certificate without unit and role cannot 签发.
      expect(check(withBy('签发', { name: '张科长', unit: UNIT, role: 'leader' }, 'plain.he'), 'plain.he')).toMatch(/未载明持有人的单位或职务/);
      expect(check(withBy('用印', { name: '王市长', unit: UNIT, role: 'unit_staff' }))).toMatch(/签章人姓名/);
      expect(check(withBy('用印', { name: '张科长', unit: UNIT, role: 'unit_staff' }))).toBeNull();
      expect(check(withBy('用印', { name: '张科长', unit: UNIT, role: 'unit_staff' }, 'staff.zhao'), 'staff.zhao')).toBeNull();
    });

    it('refuses an early-format 用印 (seal not bound to its event)', () => {
      const doc = record('incoming');
      const early = (c: Y.Doc) => {
        const e = sign(c, '用印', 'spj.zhang');
        const ses = applySealSync(seal.der, users['spj.zhang']!.signer, users['spj.zhang']!.certificate.der, { content: contentBytes(c), time: new Date(e.at), propertyInfo: legacySealPropertyInfo('rec') });
        return { ...e, payload: { ...e.payload, signature: toBase64(ses) } };
      };
      expect(checkSignedEvents('rec', doc, adding(doc, early), staff('spj.zhang'), trust)).toMatch(/早期格式的用印/);
    });

    it('other event types: well-formed, in the user\'s own name; system actors only from admins', () => {
      const doc = record('document');
      const check = (make: (c: Y.Doc) => unknown, user: Parameters<typeof checkSignedEvents>[3] = staff('dcs.lin')) => checkSignedEvents('rec', doc, adding(doc, make), user, trust);
      expect(check(() => other('dcs.lin'))).toBeNull();
      expect(check(() => other('spj.zhang'))).toMatch(/不是当前登录用户/);
      const { payload: _payload, ...bare } = other('spj.zhang');
      expect(check(() => bare)).toMatch(/不是当前登录用户/);
      expect(check(() => ({ actor: 'dcs.lin', payload: 'not an event' }))).toMatch(/格式/);
      expect(check(() => other('system:import'))).toMatch(/管理员/);
      expect(check(() => other('system:import'), admin)).toBeNull();
      // A 签发 always needs a valid signature, even from an administrator.
      expect(check(() => other('system:import', 'sign'), admin)).toMatch(/不是当前登录用户/);
      expect(check(() => other('admin', 'sign'), admin)).toMatch(/签名无效/);
    });
  });

  it('--trust-ca and --crl are options; --crl alone is an error', () => {
    expect(parseConfig(['--data', '/tmp/x', '--trust-ca', 'ca.pem', '--crl', 'crl.pem'])).toMatchObject({ trustCa: 'ca.pem', crl: 'crl.pem' });
    expect(parseConfig(['--data', '/tmp/x', '--insecure-demo']).trustCa).toBeUndefined();
    expect(() => parseConfig(['--data', '/tmp/x', '--crl', 'crl.pem'])).toThrow(ConfigError);
  });
});
