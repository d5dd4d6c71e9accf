import { createHash } from 'node:crypto';
import type { Actor } from '../../core/kernel/actor';
import type { ImportResult } from '../../core/proposals/contract';
import { mapColumns, planImport, proposalKey } from '../../core/proposals/import-rows';
import { PROPOSAL_KIND, ProposalFields } from '../../core/proposals/model';
import { unitDirectory } from '../../core/proposals/units';
import { fieldsOf, setBodyText } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { createRecords } from '../kernel/act';
import type { EventSigning } from '../kernel/signing';
import type { Store } from '../store/store';
import { proposalRepo } from './repository';
import { readProposalSettings } from './settings';
import { formatOf, readSheet } from './workbook';

/**
 * 批量登记: a workbook of 建议/提案 → proposals, as the liaison office. Every accepted row becomes a
 * record with its signed `create` event, all in ONE store transaction: nothing is half-imported
 * (a failure imports nothing). Each refused row is reported with the sheet's row number and why.
 * The record id comes from the proposal's key, so the same proposal imported on two machines is
 * one record, and a second import of the same file imports nothing.
 */
export interface ImportInput {
  fileName: string;
  bytes: Uint8Array;
}

export interface ImportContext {
  store: Store;
  actor: Actor;
  now: Date;
  signing?: EventSigning;
}

/** A UUID-shaped id from the proposal's key (version 8 layout). */
export function proposalIdOf(key: string): string {
  const b = createHash('sha256').update('xietong-proposal\0').update(key).digest().subarray(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x80;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export async function importProposals(ctx: ImportContext, input: ImportInput): Promise<ImportResult> {
  if (ctx.actor.role !== 'liaison') throw new AppError('BAD_INPUT', '只有人大政协联络部门可以批量登记建议提案');
  const sheet = await readSheet(input.bytes, formatOf(input.fileName));
  const columns = mapColumns(sheet.header);
  const lacking = (['number', 'title', 'lead'] as const).filter((c) => columns[c] === undefined);
  if (lacking.length > 0) {
    const names = { number: '编号', title: '标题', lead: '领衔人' };
    throw new AppError('BAD_INPUT', `第1行应为列名,缺少:${lacking.map((c) => names[c]).join('、')}`);
  }
  const { settings } = readProposalSettings(ctx.store);
  const plan = planImport(sheet.header, sheet.rows, { units: unitDirectory(settings.extraUnits), held: proposalRepo(ctx.store).held() });
  const records = plan.accepted.map((p) => {
    const fields = ProposalFields.parse(p.fields);
    return {
      kind: PROPOSAL_KIND,
      id: proposalIdOf(proposalKey(fields)),
      deterministic: true,
      content: { fields, body: p.body },
      build: (doc: Parameters<typeof fieldsOf>[0]) => {
        const map = fieldsOf(doc);
        for (const [k, v] of Object.entries(fields)) map.set(k, v);
        if (p.body) setBodyText(doc, p.body);
      },
    };
  });
  // A record of the same key made elsewhere and synced here before its projection existed.
  const clash = records.find((r) => ctx.store.has(r.id));
  if (clash) throw new AppError('CONFLICT', `记录已存在:${clash.id},请先执行 rebuild-index 后重试`);
  if (records.length > 0) createRecords(ctx.store, ctx.store.registry, records, ctx.actor, ctx.now, ctx.signing);
  return { imported: records.length, refused: plan.refused, held: plan.held.length };
}
