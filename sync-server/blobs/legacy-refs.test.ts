import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { eventsOf } from '../../core/records/record-doc';
import { legacyRefsOf } from './legacy-refs';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);

describe('refs of events inside the Y.Doc', () => {
  it('after a commit that mentions sm3, each event with refs yields them under its writer (else its actor); other commits are not read', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    eventsOf(doc).push([{ id: 'e1', type: 'assign', actor: 'office', at: '2022-06-20T02:00:00.000Z', basis: null, payload: { assignments: [] } }]);
    eventsOf(doc).push([{ id: 'e2', type: 'report', actor: 'alice', at: '2022-06-20T03:00:00.000Z', basis: null, payload: { attachments: [{ name: '进展.pdf', sm3: A, size: 5 }, '旧附件.docx'] } }]);
    eventsOf(doc).push([{ id: 'e3', type: 'completion_request', actor: 'carol', at: '2022-06-21T03:00:00.000Z', basis: null, payload: { attachments: [{ name: '验收.pdf', sm3: B, size: 7, mime: 'application/pdf' }] } }]);
    const room = { docId: 7, doc };
    const origin = 's1';
    expect(legacyRefsOf([{ room, update: updates[0]!, origin }])).toEqual([]);
    expect(legacyRefsOf([{ room, update: updates[2]!, origin }, { room, update: updates[1]!, origin }])).toEqual([
      { docId: 7, sm3s: [A], by: 'alice' },
      { docId: 7, sm3s: [B], by: 'carol' },
    ]);
    // Written through a connection still open: the authenticated writer, not the actor named inside.
    expect(legacyRefsOf([{ room, update: updates[2]!, origin }], (o) => (o === 's1' ? 'zhang' : null)).map((r) => r.by)).toEqual(['zhang', 'zhang']);
    expect(legacyRefsOf([{ room: { docId: null, doc }, update: updates[2]!, origin }])).toEqual([]);
  });
});
