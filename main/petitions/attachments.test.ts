import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AREAS } from '../../core/areas';
import { DEMO_USERS } from '../../core/directory/demo-users';
import type { Actor } from '../../core/kernel/actor';
import type { PetitionState } from '../../core/petitions/state';
import { BlobServices } from '../blobs/services';
import { startBlobUpkeep } from '../blobs/upkeep';
import { act } from '../kernel/act';
import { removeTempDirs } from '../store/testing/fixtures';
import { petitionTestContext } from './testing';
import { assignCase } from './assign';
import { attachFiles, openAttachment } from './attachments';
import type { PetitionContext } from './context';
import { scanForMarkers } from './marker-scan';
import { registerCase } from './register';

afterEach(() => removeTempDirs());

const user = (login: string): Actor => DEMO_USERS.find((u) => u.login === login)!;
const OFFICE = user('xfj.chen');
const HANDLER = user('zjj.wu');
const COLLEAGUE: Actor = { login: 'zjj.sun', name: '孙同事', unit: '市住建局', role: 'unit_staff' };
const MARK = { name: '欧阳标记人', idNumber: '350203198808088888', phone: '13988880888' };

function setup(): { ctx: PetitionContext; blobs: BlobServices } {
  const { ctx, dir } = petitionTestContext();
  return { ctx, blobs: new BlobServices({ dir }) };
}

/** A scanned 来信: the petitioner's name, ID number and phone in UTF-8 and in UTF-16 (as a Word file would hold them). */
const letter = (): Uint8Array => new Uint8Array(Buffer.concat([
  Buffer.from(`来信人:${MARK.name},身份证号${MARK.idNumber},电话${MARK.phone}\n`, 'utf8'),
  Buffer.from(`${MARK.name} ${MARK.idNumber} ${MARK.phone}`, 'utf16le'),
  Buffer.alloc(100_000, 7),
]));

describe('信访 attachments: sealed with the record key before they touch the disk', () => {
  it('no plaintext of a file or its name in the profile; the handler opens it with an audit entry; others are refused', async () => {
    const { ctx, blobs } = setup();
    const dir = ctx.store.dir;
    let closed = false;
    try {
      const { id } = await registerCase(ctx, { channel: '来信', category: '检举控告类', persons: [MARK], matter: '反映某企业夜间偷排污水' }, OFFICE);
      const bytes = letter();
      await attachFiles(ctx, blobs.store, id, [{ name: `${MARK.name}来信扫描件.pdf`, mime: 'application/pdf', data: bytes }], OFFICE, '登记');
      const [entry] = ctx.store.reduced<PetitionState>(id).state.attachments;
      expect(entry).toMatchObject({ by: OFFICE.name, file: { size: bytes.length, mime: 'application/pdf', blob: { name: '加密附件1' } } });
      // The blob is ciphertext (larger by IV, padding and tag); the event naming it has it offered to the server (upkeep shares it).
      expect(blobs.store.row(entry!.file.blob.sm3)).toMatchObject({ state: 'present' });
      const upkeep = startBlobUpkeep(ctx.store, blobs.store);
      await upkeep.done;
      upkeep.stop();
      expect(blobs.store.row(entry!.file.blob.sm3)).toMatchObject({ share: 1 });
      expect(scanForMarkers(dir, Object.values(MARK))).toEqual([]);

      // The unit's colleague sees the case but may not open or add files.
      act(ctx.store, AREAS, { id, basis: ctx.store.reduced(id).head, type: 'accept', payload: {} }, OFFICE, ctx.now(), ctx.signing);
      await assignCase(ctx, id, { mode: '交办', unit: '市住建局', handler: HANDLER }, OFFICE);
      await expect(openAttachment(ctx, blobs.store, id, entry!.file.blob.sm3, COLLEAGUE, '办理需要')).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(attachFiles(ctx, blobs.store, id, [{ name: 'x.txt', mime: 'text/plain', data: new Uint8Array([1]) }], COLLEAGUE)).rejects.toMatchObject({ code: 'FORBIDDEN' });

      const audit0 = ctx.store.reduced<PetitionState>(id).state.audit.length;
      const opened = await openAttachment(ctx, blobs.store, id, entry!.file.blob.sm3, HANDLER, '办理需要');
      expect(opened.name).toBe(`${MARK.name}来信扫描件.pdf`);
      expect(Buffer.from(opened.data).equals(Buffer.from(bytes))).toBe(true);
      const audit = ctx.store.reduced<PetitionState>(id).state.audit;
      expect(audit.length).toBe(audit0 + 1);
      expect(audit.at(-1)).toMatchObject({ login: HANDLER.login, reason: '办理需要', fields: ['attachment'] });

      // The handler adds 办理材料 too; still nothing in plaintext on disk.
      await attachFiles(ctx, blobs.store, id, [{ name: '现场核查照片.jpg', mime: 'image/jpeg', data: letter() }], HANDLER);
      expect(ctx.store.reduced<PetitionState>(id).state.attachments).toHaveLength(2);
      blobs.close();
      ctx.store.close();
      closed = true;
      expect(scanForMarkers(dir, Object.values(MARK))).toEqual([]);
      // The scan finds what is there.
      fs.writeFileSync(path.join(dir, 'probe.bin'), Buffer.from(MARK.idNumber, 'utf16le'));
      expect(scanForMarkers(dir, [MARK.idNumber])).toHaveLength(1);
    } finally {
      if (!closed) {
        blobs.close();
        ctx.store.close();
      }
    }
  });

  it('a refused attach leaves nothing behind: no event, no blob to upload', async () => {
    const { ctx, blobs } = setup();
    try {
      const { id } = await registerCase(ctx, { channel: '来信', category: '申诉求决类', persons: [MARK], matter: '反映邻里纠纷' }, OFFICE);
      act(ctx.store, AREAS, { id, basis: ctx.store.reduced(id).head, type: 'refuse', payload: { reason: '属于民事纠纷,应通过诉讼解决' } }, OFFICE, ctx.now(), ctx.signing);
      await expect(attachFiles(ctx, blobs.store, id, [{ name: '补充材料.pdf', mime: 'application/pdf', data: letter() }], OFFICE)).rejects.toMatchObject({ code: 'CONFLICT' });
      expect(ctx.store.reduced<PetitionState>(id).state.attachments).toEqual([]);
      expect(blobs.store.pendingUploads()).toEqual([]);
      const files = fs.readdirSync(path.join(ctx.store.dir, 'blobs'), { recursive: true }).map(String).filter((f) => /[0-9a-f]{64}$/.test(f));
      expect(files).toEqual([]);
    } finally {
      blobs.close();
      ctx.store.close();
    }
  });

  it('a blob corrupted on disk is refused, never decrypted to garbage', async () => {
    const { ctx, blobs } = setup();
    try {
      const { id } = await registerCase(ctx, { channel: '来信', category: '申诉求决类', persons: [MARK], matter: '工资拖欠' }, OFFICE);
      await attachFiles(ctx, blobs.store, id, [{ name: '欠条.jpg', mime: 'image/jpeg', data: letter() }], OFFICE);
      const sm3 = ctx.store.reduced<PetitionState>(id).state.attachments[0]!.file.blob.sm3;
      const file = path.join(ctx.store.dir, 'blobs', sm3.slice(0, 2), sm3);
      const raw = fs.readFileSync(file);
      raw[raw.length - 5] = raw[raw.length - 5]! ^ 0xff;
      fs.writeFileSync(file, raw);
      await expect(openAttachment(ctx, blobs.store, id, sm3, OFFICE, '核实身份')).rejects.toMatchObject({ code: 'CONFLICT' });
      await expect(openAttachment(ctx, blobs.store, id, 'f'.repeat(64), OFFICE, '核实身份')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      blobs.close();
      ctx.store.close();
    }
  });
});
