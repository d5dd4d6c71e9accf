import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { toHex, utf8Encode } from '../crypto/bytes';
import { sm3 } from '../crypto/sm3';
import { MAX_BLOB_BYTES_CEILING } from '../blobs/limits';
import { AttachmentList, formatFileSize } from './attachments';
import { PAYLOADS, readSupervisionEvents, SupervisionEvent } from './events';
import { EventLog, SPJ, STANDARD_ASSIGNMENT, SUPERVISOR } from './testing/log';

const bytes = utf8Encode('第一季度进展情况');
const key = toHex(sm3(bytes));
const ref = { name: '进展报告.pdf', sm3: key, size: bytes.length };

describe('attachment refs in event payloads', () => {
  it('accepts refs (with a mime type since blobs; without, from before) and, from old logs, bare names', () => {
    const parsed = PAYLOADS.report.parse({ unit: '市审批管理局', text: '已上线', percent: 50, attachments: ['旧附件.docx', ref, { ...ref, mime: 'application/pdf' }] });
    expect(parsed.attachments).toEqual(['旧附件.docx', ref, { ...ref, mime: 'application/pdf' }]);
    expect(PAYLOADS.completion_request.parse({ unit: '市审批管理局', summary: '已完成' }).attachments).toEqual([]);
  });

  it('refuses malformed refs, long names and too many entries', () => {
    const bad = (attachments: unknown) => PAYLOADS.report.safeParse({ unit: '市审批管理局', text: '进展', percent: 1, attachments }).success;
    expect(bad([{ ...ref, sm3: key.toUpperCase() }])).toBe(false);
    expect(bad([{ ...ref, sm3: 'ab' }])).toBe(false);
    expect(bad([{ ...ref, size: MAX_BLOB_BYTES_CEILING + 1 }])).toBe(false);
    // Larger than the old 5 MB limit of files kept in the record: fine now (the profile's limit applies at upload).
    expect(bad([{ ...ref, size: 150 * 1024 * 1024, mime: 'application/pdf' }])).toBe(true);
    expect(bad([{ ...ref, size: -1 }])).toBe(false);
    expect(bad([{ ...ref, name: 'a'.repeat(201) }])).toBe(false);
    expect(bad(['a'.repeat(201)])).toBe(false);
    expect(bad([{ name: '无校验值.pdf' }])).toBe(false);
    expect(bad(Array.from({ length: 51 }, (_, i) => `附件${i}`))).toBe(false);
    expect(bad([{ ...ref, name: 'a'.repeat(200) }])).toBe(true);
    expect(AttachmentList.parse(undefined)).toEqual([]);
  });

  it('the reducer carries refs into reports and 办结申请; bare names come out with sm3 null', () => {
    const log = new EventLog();
    log.act('assign', SUPERVISOR, STANDARD_ASSIGNMENT);
    log.act('report', SPJ, { unit: '市审批管理局', text: '旧版本的反馈', percent: 20, attachments: ['招标文件.pdf'] });
    log.act('report', SPJ, { unit: '市审批管理局', text: '新版本的反馈', percent: 40, attachments: [ref] });
    log.act('completion_request', SPJ, { unit: '市审批管理局', summary: '已完成', attachments: [ref, '验收意见.pdf'] });
    const s = log.state;
    expect(s.conflicts).toBe(0);
    expect(s.reports.map((r) => r.attachments)).toEqual([[{ name: '招标文件.pdf', sm3: null, size: null }], [ref]]);
    expect(s.assignments[0]?.lastReport?.attachments).toEqual([ref]);
    expect(s.completions[0]?.attachments).toEqual([ref, { name: '验收意见.pdf', sm3: null, size: null }]);
  });

  it('an old log entry with bare names still reads from a Y.Doc', () => {
    const doc = new Y.Doc();
    const log = new EventLog();
    const assign = log.act('assign', SUPERVISOR, STANDARD_ASSIGNMENT);
    // Written by an old replica: the payload as it stood before refs existed.
    const old = { ...log.act('report', SPJ, { unit: '市审批管理局', text: '旧反馈', percent: 10 }), payload: { unit: '市审批管理局', text: '旧反馈', percent: 10, attachments: ['方案.doc'], milestones: [] } };
    doc.getArray('events').push([SupervisionEvent.parse(assign), SupervisionEvent.parse(old)]);
    const { events, malformed } = readSupervisionEvents(doc);
    expect(malformed).toEqual([]);
    expect(new EventLog(events).state.reports[0]?.attachments).toEqual([{ name: '方案.doc', sm3: null, size: null }]);
  });
});

describe('sizes', () => {
  it('formats sizes for people', () => {
    expect(formatFileSize(12)).toBe('12 B');
    expect(formatFileSize(35 * 1024)).toBe('35 KB');
    expect(formatFileSize(5 * 1024 * 1024)).toBe('5.0 MB');
  });
});
