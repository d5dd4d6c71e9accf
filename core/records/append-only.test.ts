import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkAppendOnly } from './append-only';
import { appendEvent, bodyOf, bodyText, eventsOf, fieldsOf, setBodyText, type WorkflowEvent } from './record-doc';

const event = (id: string, actor = 'dcs.lin'): WorkflowEvent => ({ id, type: 'assign', actor, at: '2026-11-28T09:00:00.000Z', basis: null, payload: { units: ['市工信局'] } });

/** A server document with a title, a body and two events written by another client. */
function serverDoc(): Y.Doc {
  const author = new Y.Doc();
  author.transact(() => {
    fieldsOf(author).set('kind', 'incoming');
    fieldsOf(author).set('title', '关于推行掌上办公的通知');
    setBodyText(author, '各区人民政府:\n现将有关事项通知如下。');
    appendEvent(author, event('e-1'));
    appendEvent(author, event('e-2', 'spj.zhang'));
  });
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(author));
  return server;
}

const replicaOf = (doc: Y.Doc): Y.Doc => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

/** What a client pushes after `change`: the app's outbox form, a diff carrying its whole delete set. */
function diffAfter(base: Y.Doc, change: (d: Y.Doc) => void, replica = replicaOf(base)): Uint8Array {
  const sv = Y.encodeStateVector(base);
  change(replica);
  return Y.encodeStateAsUpdate(replica, sv);
}

/** What a stock client sends for one transaction: exactly that transaction's update. */
function transactionUpdate(base: Y.Doc, change: (d: Y.Doc) => void, replica = replicaOf(base)): Uint8Array {
  let update: Uint8Array | null = null;
  replica.once('update', (u: Uint8Array) => (update = u));
  replica.transact(() => change(replica));
  return update!;
}

describe('checkAppendOnly', () => {
  it('accepts appends and edits that delete nothing in the events array', () => {
    const server = serverDoc();
    expect(checkAppendOnly(server, diffAfter(server, (d) => appendEvent(d, event('e-3'))))).toEqual({ ok: true });
    expect(checkAppendOnly(server, transactionUpdate(server, (d) => setBodyText(d, '各区人民政府:\n现将有关事项通知如下,请遵照执行。')))).toEqual({ ok: true });
    // Overwriting a field deletes the old value's item in `fields`: not an event.
    expect(checkAppendOnly(server, transactionUpdate(server, (d) => fieldsOf(d).set('title', '关于推行掌上办公的补充通知')))).toEqual({ ok: true });
    expect(checkAppendOnly(server, transactionUpdate(server, (d) => bodyOf(d).delete(0, 1)))).toEqual({ ok: true });
  });

  it('refuses deleting another user\'s event, by transaction or by diff', () => {
    const server = serverDoc();
    const firstId = (eventsOf(server)._start as Y.Item).id;
    const verdict = checkAppendOnly(server, transactionUpdate(server, (d) => eventsOf(d).delete(1, 1)));
    expect(verdict).toMatchObject({ ok: false, reason: 'deletes-event' });
    expect(checkAppendOnly(server, diffAfter(server, (d) => eventsOf(d).delete(0, 1)))).toEqual({ ok: false, reason: 'deletes-event', id: { client: firstId.client, clock: firstId.clock } });
    // "Modifying" an entry is a delete plus an insert: refused the same way.
    const rewrite = diffAfter(server, (d) =>
      d.transact(() => {
        eventsOf(d).delete(0, 1);
        eventsOf(d).insert(0, [{ ...event('e-1'), payload: { units: ['市财政局'] } }]);
      }),
    );
    expect(checkAppendOnly(server, rewrite)).toMatchObject({ ok: false, reason: 'deletes-event' });
  });

  it('accepts a re-sent delete set whose deletions the server already has', () => {
    const server = serverDoc();
    const client = replicaOf(server);
    Y.applyUpdate(server, transactionUpdate(server, (d) => setBodyText(d, '新的正文'), client));
    // A stock client answers every sync step 1 with its whole delete set, plus what is new.
    const again = diffAfter(server, (d) => fieldsOf(d).set('deadline', '2026-12-31'), client);
    expect(Y.decodeUpdate(again).ds.clients.size).toBeGreaterThan(0);
    expect(checkAppendOnly(server, again)).toEqual({ ok: true });
    // Even a deletion in the events array that the server already holds (stored before this rule).
    const legacy = transactionUpdate(server, (d) => eventsOf(d).delete(0, 1), client);
    Y.applyUpdate(server, legacy);
    expect(checkAppendOnly(server, legacy)).toEqual({ ok: true });
  });

  it('refuses an event added and deleted in the same update; accepts body text added and deleted', () => {
    const server = serverDoc();
    const both = diffAfter(server, (d) => {
      appendEvent(d, event('e-3'));
      appendEvent(d, event('e-4'));
      eventsOf(d).delete(eventsOf(d).length - 2, 1);
    });
    expect(checkAppendOnly(server, both)).toMatchObject({ ok: false, reason: 'deletes-event' });
    const typo = diffAfter(server, (d) => {
      setBodyText(d, '各区人民政府:\n现将有关事项通知如下。错字');
      setBodyText(d, '各区人民政府:\n现将有关事项通知如下。');
    });
    expect(Y.decodeUpdate(typo).ds.clients.size).toBeGreaterThan(0);
    expect(checkAppendOnly(server, typo)).toEqual({ ok: true });
  });

  it('follows origins through the update: an entry inserted before others and deleted with them', () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    // Inserted at the front one by one: every entry after the first names only its right origin.
    const update = diffAfter(server, (d) => {
      for (let i = 0; i < 5; i++) eventsOf(d).insert(0, [event(`f-${i}`)]);
      eventsOf(d).delete(2, 1);
    }, client);
    expect(checkAppendOnly(server, update)).toMatchObject({ ok: false, reason: 'deletes-event' });
    // The same shape in the body, 20,000 deep: resolved without recursion, accepted.
    const body = diffAfter(server, (d) => {
      for (let i = 0; i < 20_000; i++) bodyOf(d).insert(0, [new Y.XmlElement('paragraph')]);
      bodyOf(d).delete(0, 20_000);
    }, new Y.Doc());
    expect(checkAppendOnly(server, body)).toEqual({ ok: true });
  });

  it('judges merged updates of two clients as a whole', () => {
    const server = serverDoc();
    const a = transactionUpdate(server, (d) => setBodyText(d, '甲修改的正文'));
    const b = transactionUpdate(server, (d) => eventsOf(d).delete(0, 1));
    const c = transactionUpdate(server, (d) => fieldsOf(d).set('title', '乙修改的标题'));
    expect(checkAppendOnly(server, Y.mergeUpdates([a, b]))).toMatchObject({ ok: false, reason: 'deletes-event' });
    expect(checkAppendOnly(server, Y.mergeUpdates([a, c]))).toEqual({ ok: true });
  });

  it('sees deletions inside an event stored as a Y type', () => {
    const server = serverDoc();
    const writer = replicaOf(server);
    const nested = new Y.Map<unknown>();
    Y.applyUpdate(server, transactionUpdate(server, (d) => {
      eventsOf(d).push([nested]);
      nested.set('note', '原意见');
    }, writer));
    expect(checkAppendOnly(server, transactionUpdate(server, () => nested.set('note', '改过的意见'), writer))).toMatchObject({ ok: false, reason: 'deletes-event' });
    // Added and its content replaced in one update: the parent is found by id in the update.
    const fresh = replicaOf(server);
    const inner = new Y.Map<unknown>();
    const once = diffAfter(server, (d) => {
      eventsOf(d).push([inner]);
      inner.set('note', '一');
      inner.set('note', '二');
    }, fresh);
    expect(checkAppendOnly(server, once)).toMatchObject({ ok: false, reason: 'deletes-event' });
  });

  it('looks into updates accepted but not applied yet', () => {
    const server = serverDoc();
    const client = replicaOf(server);
    const typed = transactionUpdate(server, (d) => bodyOf(d).insert(0, [new Y.XmlElement('paragraph')]), client);
    const erased = transactionUpdate(server, (d) => bodyOf(d).delete(0, 1), client);
    expect(checkAppendOnly(server, erased, { inFlight: [typed] })).toEqual({ ok: true });

    const appended = transactionUpdate(server, (d) => appendEvent(d, event('e-3')), client);
    const retracted = transactionUpdate(server, (d) => eventsOf(d).delete(2, 1), client);
    expect(checkAppendOnly(server, retracted, { inFlight: [typed, appended] })).toMatchObject({ ok: false, reason: 'deletes-event' });
    // The other order: the deletion is in flight (accepted: its item was unknown), the event arrives.
    expect(checkAppendOnly(server, retracted)).toEqual({ ok: true });
    expect(checkAppendOnly(server, appended, { inFlight: [retracted] })).toMatchObject({ ok: false, reason: 'deletes-event' });
  });

  it('accepts a deletion that arrives before its item, and refuses the event it would delete on arrival', () => {
    // The app's engine pushes a live edit right after reconnecting, before the diff it builds on.
    const server = serverDoc();
    const client = replicaOf(server);
    const offline = diffAfter(server, (d) => {
      setBodyText(d, '离线时修改的正文');
      appendEvent(d, event('e-3'));
    }, client);
    const live = transactionUpdate(server, (d) => setBodyText(d, '重新连接后修改的正文'), client);
    expect(checkAppendOnly(server, live)).toEqual({ ok: true });
    Y.applyUpdate(server, live);
    expect(server.store.pendingDs).not.toBeNull();
    expect(checkAppendOnly(server, offline)).toEqual({ ok: true });
    Y.applyUpdate(server, offline);
    expect(bodyText(server)).toBe('重新连接后修改的正文');

    // The same with an event: the deletion waits, and the update bringing the event is refused.
    const other = replicaOf(server);
    const withEvent = transactionUpdate(server, (d) => appendEvent(d, event('e-4')), other);
    const deleteIt = transactionUpdate(server, (d) => eventsOf(d).delete(eventsOf(d).length - 1, 1), other);
    expect(checkAppendOnly(server, deleteIt)).toEqual({ ok: true });
    Y.applyUpdate(server, deleteIt);
    expect(checkAppendOnly(server, withEvent)).toMatchObject({ ok: false, reason: 'deletes-event' });
    // An update unrelated to the waiting deletion is still accepted.
    expect(checkAppendOnly(server, transactionUpdate(server, (d) => fieldsOf(d).set('deadline', '2026-12-31')))).toEqual({ ok: true });
  });

  it('reports an update that does not decode as invalid, and skips the work for one without deletions', () => {
    const server = serverDoc();
    expect(checkAppendOnly(server, new Uint8Array([1, 200, 3]))).toEqual({ ok: false, reason: 'invalid' });
    const append = diffAfter(server, (d) => appendEvent(d, event('e-3')));
    expect(Y.decodeUpdate(append).ds.clients.size).toBe(0);
    expect(checkAppendOnly(server, append, { ds: Y.decodeUpdate(append).ds })).toEqual({ ok: true });
  });
});
