import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../store/store';
import { removeTempDirs, tempDir } from '../store/testing/fixtures';
import { SyncBinding, type SyncBindingOptions } from './app-binding';
import { CONFIG_KEY } from './saved-login';
import type { FetchLike } from './server-login';
import { describeSync } from './startup';
import type { SecretBox } from './token-box';
import type { TransportHandlers } from './types';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
  removeTempDirs();
});

const tokenOf = (login: string, n = 1) => `xt1.${Buffer.from(JSON.stringify({ sub: login, n })).toString('base64url')}.sig`;
const token = tokenOf('li');
const li = { login: 'li', name: '李四', units: ['市工信局'], role: 'staff' };
const url = 'ws://127.0.0.1:1';

/** A reversible stand-in for safeStorage: what it seals only it (same id, same key) can open. */
function fakeBox(key = 'k1', id = 'test-box'): SecretBox {
  return {
    id,
    seal: (text) => `${key}:${Buffer.from(text).toString('base64').split('').reverse().join('')}`,
    open: (sealed) => {
      if (!sealed.startsWith(`${key}:`)) throw new Error('cannot decrypt');
      return Buffer.from(sealed.slice(key.length + 1).split('').reverse().join(''), 'base64').toString();
    },
  };
}

/** A store that outlives the bindings opened on it (a profile across app starts). */
function profile() {
  const store = Store.open({ dir: tempDir() });
  cleanup.push(() => store.close());
  return store;
}

/** A binding whose sockets never open; `urls` are the addresses the engine dialled (with the token). */
function open(store: Store, opts: Omit<SyncBindingOptions, 'store'> = {}) {
  const urls: string[] = [];
  const sockets: TransportHandlers[] = [];
  const sync = new SyncBinding({
    store,
    ...opts,
    engine: { transport: (u, handlers) => (urls.push(u), sockets.push(handlers), { send: () => {}, close: () => {} }) },
  });
  cleanup.unshift(() => sync.close());
  return { sync, urls, sockets };
}

const dialledToken = (u: string) => new URL(u).searchParams.get('token');

describe('the sync login at rest', () => {
  it('keeps the token sealed in the profile and opens it on the next start', () => {
    const store = profile();
    const first = open(store, { connect: { url, token }, secrets: fakeBox() });
    const raw = store.getMeta(CONFIG_KEY)!;
    expect(raw).not.toContain(token);
    expect(JSON.parse(raw)).toMatchObject({ url, sealedToken: { box: 'test-box' } });
    first.sync.close();

    const again = open(store, { secrets: fakeBox() });
    expect(again.sync.status()).toMatchObject({ state: 'connecting', server: url, needsLogin: false, error: null });
    expect(dialledToken(again.urls[0]!)).toBe(token);
  });

  it('a sealed token this machine cannot open: 登录已失效, nothing thrown, nothing else touched', () => {
    const store = profile();
    open(store, { connect: { url, token }, secrets: fakeBox('machine-a') }).sync.close();
    store.setMeta('sync.dirty', JSON.stringify(['rec-1', 'rec-2']));
    store.setMeta('other.setting', '保留');
    const before = store.getMeta(CONFIG_KEY);

    for (const secrets of [fakeBox('machine-b'), fakeBox('machine-a', 'another-kind'), undefined]) {
      const { sync, urls } = open(store, secrets ? { secrets } : {});
      const status = sync.status();
      expect(status).toMatchObject({ state: 'offline', server: url, needsLogin: true, pending: 2 });
      expect(status.error).toContain('登录已失效,请重新登录');
      expect(sync.server()).toBe(url);
      expect(urls).toEqual([]); // nothing dialled with a token we do not have
      sync.close();
    }
    // The sealed login is left as it was (an OS store that comes back opens it again).
    expect(store.getMeta(CONFIG_KEY)).toBe(before);
    expect(store.getMeta('sync.dirty')).toBe(JSON.stringify(['rec-1', 'rec-2']));
    expect(store.getMeta('other.setting')).toBe('保留');
    expect(open(store, { secrets: fakeBox('machine-a') }).sync.status().needsLogin).toBe(false);
  });

  it('a login saved in plain text before sealing still loads, and is sealed once a box is there', () => {
    const store = profile();
    store.setMeta(CONFIG_KEY, JSON.stringify({ url, token, user: li }));

    const web = open(store);
    expect(web.sync.status()).toMatchObject({ server: url, user: li, needsLogin: false });
    expect(dialledToken(web.urls[0]!)).toBe(token);
    expect(web.sync.tokenSealed()).toBe(false);
    expect(JSON.parse(store.getMeta(CONFIG_KEY)!)).toEqual({ url, token, user: li }); // no box: as before
    web.sync.close();

    const desktop = open(store, { secrets: fakeBox() });
    expect(desktop.sync.status()).toMatchObject({ server: url, user: li, needsLogin: false });
    expect(dialledToken(desktop.urls[0]!)).toBe(token);
    expect(desktop.sync.tokenSealed()).toBe(true);
    const raw = store.getMeta(CONFIG_KEY)!;
    expect(raw).not.toContain(token);
    expect(JSON.parse(raw)).toMatchObject({ url, user: li, sealedToken: { box: 'test-box' } });
  });

  it('an OS store that fails to seal leaves an old plain login as it was, still working', () => {
    const store = profile();
    const plain = JSON.stringify({ url, token, user: li });
    store.setMeta(CONFIG_KEY, plain);
    const broken: SecretBox = { ...fakeBox(), seal: () => { throw new Error('keychain unavailable'); } };
    const { sync, urls } = open(store, { secrets: broken });
    expect(sync.status()).toMatchObject({ server: url, needsLogin: false });
    expect(dialledToken(urls[0]!)).toBe(token);
    expect(store.getMeta(CONFIG_KEY)).toBe(plain);
  });
});

describe('重新登录', () => {
  const fetchLogin = (reply: string): FetchLike => () => Promise.resolve({ status: 200, json: () => Promise.resolve({ token: reply, exp: 0, user: li }) });

  it('a token the server refuses (4401) sets needsLogin; logging in again clears it and seals the new token', async () => {
    const store = profile();
    const { sync, sockets, urls } = open(store, { connect: { url, token }, secrets: fakeBox(), fetch: fetchLogin(tokenOf('li', 2)) });
    sockets[0]!.onOpen();
    const versionBefore = sync.status().version;
    sockets[0]!.onClose(4401, 'token expired / 登录已过期');
    const expired = sync.status();
    expect(expired).toMatchObject({ state: 'offline', needsLogin: true, server: url });
    expect(expired.error).toContain('登录已失效,请重新登录');
    expect(expired.version).toBeGreaterThan(versionBefore);

    const after = await sync.handlers.configure({ url, login: 'li', password: 'demo' });
    expect(after).toMatchObject({ needsLogin: false, error: null, user: li });
    expect(dialledToken(urls.at(-1)!)).toBe(tokenOf('li', 2));
    expect(store.getMeta(CONFIG_KEY)).not.toContain(tokenOf('li', 2));
  });

  it('a locked login is replaced by the next login', async () => {
    const store = profile();
    open(store, { connect: { url, token }, secrets: fakeBox('machine-a') }).sync.close();
    const { sync } = open(store, { secrets: fakeBox('machine-b'), fetch: fetchLogin(tokenOf('li', 2)) });
    expect(sync.status().needsLogin).toBe(true);
    const after = await sync.handlers.configure({ url, login: 'li', password: 'demo' });
    expect(after).toMatchObject({ state: 'connecting', needsLogin: false, error: null });
    sync.close();
    expect(open(store, { secrets: fakeBox('machine-b') }).sync.status().needsLogin).toBe(false);
  });
});

describe("the host's start-up line", () => {
  it('says when the login token is kept in plain text (the web host)', () => {
    expect(describeSync({ state: 'online', server: url })).toContain('登录令牌以明文保存');
    expect(describeSync({ state: 'disabled', server: null })).toContain('登录令牌以明文保存');
    expect(describeSync({ state: 'online', server: url }, true)).toBe(`同步服务器:${url}`);
  });
});
