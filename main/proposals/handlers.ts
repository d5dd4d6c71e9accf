import { beijingDate } from '../../core/calendar/iso-date';
import type { Handlers } from '../../core/ipc/dispatch';
import { unitDirectory } from '../../core/proposals/units';
import { AppError } from '../../core/result';
import type { AreaContext } from '../kernel/module';
import { exportPublic } from './export';
import { importProposals } from './import';
import { draftReply, replyWithLetter } from './reply';
import { proposalRepo } from './repository';
import { readProposalSettings, saveProposalSettings } from './settings';
import { proposalView } from './view';

/** The `proposals.*` methods (core/proposals/contract.ts); the workflow steps go through `records.act`. */
export function proposalHandlers(ctx: AreaContext): Handlers['proposals'] {
  const { store } = ctx;
  const today = () => beijingDate(ctx.now());
  const replyCtx = () => ({ store, actor: ctx.actor(), now: ctx.now(), ...(ctx.signing ? { signing: ctx.signing } : {}) });
  return {
    list: (filter) => proposalRepo(store).list(filter, today()),
    view: ({ id }) => proposalView(store, id, ctx.actor(), today(), ctx.signing),
    import: ({ fileName, base64 }) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) throw new AppError('BAD_INPUT', '文件内容编码有误');
      return importProposals(replyCtx(), { fileName, bytes: new Uint8Array(Buffer.from(base64, 'base64')) });
    },
    draftReply: ({ id, basis }) => draftReply(replyCtx(), id, basis),
    reply: ({ id, basis, resultClass, publish }) => {
      replyWithLetter(replyCtx(), id, basis, resultClass, publish);
      return proposalView(store, id, ctx.actor(), today(), ctx.signing);
    },
    ofDocument: ({ documentId }) => proposalRepo(store).ofDocument(documentId),
    stats: (filter) => proposalRepo(store).stats(filter, today(), readProposalSettings(store).settings.terms.resultClasses),
    exportPublic: ({ format }) => exportPublic(store, format, ctx.now()),
    units: () => unitDirectory(readProposalSettings(store).settings.extraUnits).names(),
    settings: () => readProposalSettings(store),
    saveSettings: (settings) => {
      if (ctx.actor().role !== 'liaison' && ctx.actor().role !== 'admin') throw new AppError('BAD_INPUT', '只有人大政协联络部门或系统管理员可以修改提案建议设置');
      return saveProposalSettings(store, settings);
    },
  };
}
