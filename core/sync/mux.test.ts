import { describe, expect, it } from 'vitest';
import { decodeClientFrame, decodeServerFrame, encodeClientFrame, encodeServerFrame, MalformedFrame, type ClientFrame, type ServerFrame } from './mux';

describe('multiplexed frames', () => {
  it('round-trip every client frame', () => {
    const frames: ClientFrame[] = [
      { type: 'doc', name: '督办-1', message: Uint8Array.from([0, 0, 1, 0]) },
      { type: 'unsub', name: 'a' },
      { type: 'push', id: 7, name: 'a', update: Uint8Array.from([0, 0]) },
      { type: 'feed', id: 8, since: 2 ** 40, limit: 500, full: true },
      { type: 'sv', id: 9, name: 'b' },
      { type: 'submit', id: 10, name: '督办-1', events: ['{"id":"e1"}', '{"id":"e2","type":"签收"}'] },
      { type: 'submit', id: 11, name: 'b', events: [] },
    ];
    for (const f of frames) expect(decodeClientFrame(encodeClientFrame(f))).toEqual(f);
  });

  it('round-trip every server frame, including feed pages', () => {
    const frames: ServerFrame[] = [
      { type: 'doc', name: 'x', message: Uint8Array.from([1, 2]) },
      { type: 'denied', name: 'x', code: 4403, reason: '无权访问' },
      { type: 'ack', id: 1, status: 0, seq: 99, reason: '' },
      { type: 'sv', id: 2, status: 1, sv: new Uint8Array(0) },
      { type: 'head', seq: 12345 },
      {
        type: 'submitted',
        id: 4,
        results: [
          { eventId: 'e1', status: 'ok', seq: 3, reason: '' },
          { eventId: 'e2', status: 'refused', seq: 0, reason: '签名校验未通过' },
          { eventId: 'e3', status: 'invalid', seq: 0, reason: 'x' },
          { eventId: 'e4', status: 'unavailable', seq: 0, reason: '' },
        ],
      },
      { type: 'events', name: '督办-1', events: [{ seq: 1, json: '{"id":"c"}' }, { seq: 2, json: '{}' }] },
      {
        type: 'feed',
        id: 3,
        page: {
          upTo: 10,
          head: 12,
          more: true,
          full: false,
          entries: [
            { id: 4, name: null, mode: 'log', updates: [Uint8Array.from([1])], events: [] },
            { id: 5, name: '新文档', mode: 'state', updates: [], events: [{ seq: 1, json: '{"id":"create"}' }] },
          ],
          revoked: ['gone'],
        },
      },
    ];
    for (const f of frames) expect(decodeServerFrame(encodeServerFrame(f))).toEqual(f);
  });

  it('rejects truncated, unknown, trailing and badly named frames', () => {
    const bad = [
      new Uint8Array(0),
      Uint8Array.from([0xff, 0xff]),
      Uint8Array.from([42]),
      Uint8Array.from([1, 3, 0x66, 0xff, 0xfe]), // invalid UTF-8 name
      Uint8Array.from([1, 5, 0x5f, 0x73, 0x79, 0x6e, 0x63]), // reserved name "_sync"
      Uint8Array.from([2, 1, 1, 0x61, 0xff, 0xff, 0xff, 0xff, 0x0f]), // huge declared length
      Uint8Array.from([...encodeClientFrame({ type: 'sv', id: 1, name: 'a' }), 0]), // trailing byte
      Uint8Array.from([5, 1, 1, 0x61, 0xe5, 0x00]), // submit declaring 101 events
      encodeClientFrame({ type: 'submit', id: 1, name: 'a', events: ['x'] }).slice(0, -1), // truncated event
    ];
    for (const b of bad) expect(() => decodeClientFrame(b), String(b)).toThrow(MalformedFrame);
  });

  it('rejects server frames with an unknown submit status or too many results', () => {
    const ok = encodeServerFrame({ type: 'submitted', id: 1, results: [{ eventId: 'e', status: 'ok', seq: 1, reason: '' }] });
    const badStatus = Uint8Array.from(ok);
    badStatus[5] = 9; // type, id, count, "e" (len + byte), status
    expect(() => decodeServerFrame(badStatus)).toThrow(MalformedFrame);
    expect(() => decodeServerFrame(Uint8Array.from([6, 1, 0xe5, 0x00]))).toThrow(MalformedFrame);
  });
});
