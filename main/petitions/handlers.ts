import type { Handlers } from '../../core/ipc/dispatch';
import { DEMO_USERS } from '../../core/directory/demo-users';
import { DEFAULT_HOTLINE_LIMITS } from '../../core/petitions/limits';
import { AppError } from '../../core/result';
import type { AreaContext } from '../kernel/module';
import { BlobServices } from '../blobs/services';
import { assignCase } from './assign';
import { attachFiles, openAttachment } from './attachments';
import type { PetitionContext } from './context';
import { petitionDetail } from './detail';
import { findPerson } from './find-person';
import { demoKeyring, type PetitionKeyring } from './keyring';
import { listCases } from './list';
import { petitionNotice } from './notice';
import { registerCase } from './register';
import { hotlineLimits, setHotlineLimits } from './hotline-settings';
import { findRepeats, findRepeatsOf } from './repeats';
import { sealReply } from './seal-reply';
import { DemoPki } from '../crypto/demo-pki';
import type { TrustStore } from '../../core/crypto/x509/chain';
import { revealCase } from './reveal';

/** The 信访 methods of the contract (core/ipc/petitions.ts), as the current identity. */
export function petitionHandlers(app: AreaContext, keyring: PetitionKeyring = demoKeyring(process.env.OA_DEMO_PKI_DIR || app.store.dir)): Handlers['petitions'] {
  const ctx: PetitionContext = { store: app.store, now: app.now, keyring, ...(app.signing ? { signing: app.signing } : {}) };
  const blobs = app.blobs ?? new BlobServices({ dir: app.store.dir });
  const pkiDir = process.env.OA_DEMO_PKI_DIR || app.store.dir;
  let pki: DemoPki | null = null;
  // Verifying a seal needs the trust anchors; without a readable PKI a seal simply does not verify.
  const trust = (): TrustStore | null => {
    try {
      return (pki ??= DemoPki.open(pkiDir, () => app.now().getTime())).trust();
    } catch {
      return null;
    }
  };
  const detail = (id: string) => petitionDetail(ctx.store, id, app.actor(), trust());
  return {
    list: ({ reason }) => listCases(ctx, app.actor(), reason ? { reason } : {}),
    get: ({ id }) => detail(id),
    matches: ({ matter, persons }) => findRepeats(ctx, matter, persons, app.actor()),
    matchesOf: ({ id }) => findRepeatsOf(ctx, id, app.actor()),
    register: (input) => registerCase(ctx, input, app.actor()),
    reveal: ({ id, reason, fields }) => revealCase(ctx, id, app.actor(), reason, fields),
    assign: async ({ id, mode, unit, handler }) => {
      const person = handler ? DEMO_USERS.find((u) => u.login === handler) : null;
      if (handler && !person) throw new AppError('BAD_INPUT', `目录中没有承办人:${handler}`);
      await assignCase(ctx, id, { mode, unit, handler: person ?? null }, app.actor());
      return detail(id);
    },
    notice: ({ id, kind, reason }) => petitionNotice(ctx, id, kind, app.actor(), reason, trust()),
    sealReply: ({ id, pin }) => {
      sealReply({ ...ctx, pkiDir }, id, app.actor(), pin);
      return detail(id);
    },
    attach: async ({ id, files, stage }) => {
      const plain = files.map((f) => ({ name: f.name, mime: f.mime, data: new Uint8Array(Buffer.from(f.dataBase64, 'base64')) }));
      await attachFiles(ctx, blobs.store, id, plain, app.actor(), stage);
      return detail(id);
    },
    attachment: async ({ id, sm3, reason }) => {
      const f = await openAttachment(ctx, blobs.store, id, sm3, app.actor(), reason);
      return { name: f.name, mime: f.mime, dataBase64: Buffer.from(f.data).toString('base64') };
    },
    hotlineLimits: () => ({ limits: hotlineLimits(ctx.store), defaults: DEFAULT_HOTLINE_LIMITS }),
    setHotlineLimits: (limits) => setHotlineLimits(ctx.store, limits, app.actor()),
    findPerson: ({ field, value }) => findPerson(ctx, field, value, app.actor()),
  };
}
