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
        type: 'feed',
        id: 3,
        page: {
          upTo: 10,
          head: 12,
          more: true,
          full: false,
          entries: [
            { id: 4, name: null, mode: 'log', updates: [Uint8Array.from([1])] },
            { id: 5, name: '新文档', mode: 'state', updates: [] },
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
    ];
    for (const b of bad) expect(() => decodeClientFrame(b), String(b)).toThrow(MalformedFrame);
  });
});
