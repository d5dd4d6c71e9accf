import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { testPki } from '../core/crypto/test-pki';
import { eventsOf, fieldsOf } from '../core/records/record-doc';
import type { SupervisionEvent } from '../core/supervision/events';
import { recordContentHash, signSupervisionEvent } from '../core/supervision/signature';
import { ConfigError, parseConfig } from './config';
import { checkSignedEvents, mayAddEvents } from './signed-events';

describe('signed events at the server', async () => {
  const { users, trust, start } = await testPki(['dcs.lin', 'spj.zhang']);
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

  it('checks supervision records only; admins may write unsigned system imports', () => {
    const doc = base();
    expect(checkSignedEvents('rec', doc, adding(doc, (c) => signed(c, 'dcs.lin')), staff('dcs.lin'), trust)).toBeNull();
    expect(checkSignedEvents('rec', doc, adding(doc, (c) => signed(c, 'dcs.lin')), staff('spj.zhang'), trust)).toMatch(/不是当前登录用户/);
    expect(checkSignedEvents('rec', doc, adding(doc, () => event('dcs.lin')), staff('dcs.lin'), trust)).toMatch(/未签名/);
    expect(checkSignedEvents('rec', doc, adding(doc, () => event('system:import')), staff('dcs.lin'), trust)).toMatch(/管理员/);
    expect(checkSignedEvents('rec', doc, adding(doc, () => event('system:import')), { login: 'admin', role: 'admin' }, trust)).toBeNull();
    expect(checkSignedEvents('rec', doc, adding(doc, () => ({ not: 'an event', actor: 1, payload: 2 })), staff('dcs.lin'), trust)).toMatch(/格式/);
    const incoming = new Y.Doc();
    fieldsOf(incoming).set('kind', 'incoming');
    expect(checkSignedEvents('rec', incoming, adding(incoming, () => event('dcs.lin')), staff('dcs.lin'), trust)).toBeNull();
  });

  it('--trust-ca and --crl are options; --crl alone is an error', () => {
    expect(parseConfig(['--data', '/tmp/x', '--trust-ca', 'ca.pem', '--crl', 'crl.pem'])).toMatchObject({ trustCa: 'ca.pem', crl: 'crl.pem' });
    expect(parseConfig(['--data', '/tmp/x']).trustCa).toBeUndefined();
    expect(() => parseConfig(['--data', '/tmp/x', '--crl', 'crl.pem'])).toThrow(ConfigError);
  });
});
