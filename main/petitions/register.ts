import { randomUUID } from 'node:crypto';
import { createRecordKey } from '../../core/crypto/field/envelopes';
import { discardRecordKey } from '../../core/crypto/field/record-key';
import type { Actor } from '../../core/kernel/actor';
import { AREAS } from '../../core/areas';
import { CaseInput } from '../../core/petitions/model';
import { protectPersons } from '../../core/petitions/protect';
import { fieldsOf } from '../../core/records/record-doc';
import { AppError } from '../../core/result';
import { act, createRecord } from '../kernel/act';
import type { PetitionContext } from './context';
import { hotlineLimits } from './hotline-settings';
import { OFFICE_READER } from './keyring';

/**
 * 登记: a new case whose personal data is encrypted before anything is written. The `create`
 * event and the Y.Doc get ciphertext, masks and blind-index tokens; the data key, wrapped for
 * the 信访 office, goes into a signed `keys` event. The plaintext never reaches the store. The
 * matches the registrar chose to link follow as `link` events.
 */
export async function registerCase(ctx: PetitionContext, input: unknown, actor: Actor): Promise<{ id: string }> {
  const parsed = CaseInput.safeParse(input);
  if (!parsed.success) throw new AppError('BAD_INPUT', `登记内容有误:${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(';')}`);
  const c = parsed.data;
  if (c.channel === '12345' && !c.hotlineType) throw new AppError('BAD_INPUT', '12345工单应注明类型(紧急、咨询、求助、投诉、建议)');
  // A link names a record on this machine (a matched 信访, 12345 or 提案建议), checked before anything is written.
  for (const link of c.links) if (!ctx.store.has(link.target)) throw new AppError('BAD_INPUT', `关联的事项不存在或不在本机:${link.target}`);
  const id = randomUUID();
  const { key, envelopes } = await createRecordKey([ctx.keyring.reader(OFFICE_READER)]);
  try {
    const persons = protectPersons(key, id, c.persons, ctx.keyring.indexKey());
    const now = ctx.now();
    createRecord(ctx.store, AREAS, {
      kind: 'petition',
      id,
      build: (doc) => {
        const f = fieldsOf(doc);
        f.set('kind', 'petition');
        f.set('channel', c.channel);
        f.set('category', c.category);
        f.set('hotlineType', c.hotlineType ?? null);
        f.set('matter', c.matter);
        f.set('locality', c.locality);
        f.set('anonymous', c.persons.length === 0);
        f.set('persons', persons);
      },
    }, actor, now, ctx.signing);
    act(ctx.store, AREAS, { id, basis: null, type: 'keys', payload: { envelopes } }, actor, now, ctx.signing);
    // The 工单's limit from the office's table, signed with it (later changes of the table do not move it).
    if (c.channel === '12345' && c.hotlineType) act(ctx.store, AREAS, { id, basis: null, type: 'hotline_limit', payload: { period: hotlineLimits(ctx.store)[c.hotlineType] } }, actor, now, ctx.signing);
    // The matches the registrar chose, each a signed 关联 event with its relation and reason (never merged silently).
    for (const link of c.links) act(ctx.store, AREAS, { id, basis: null, type: 'link', payload: link }, actor, now, ctx.signing);
    return { id };
  } finally {
    discardRecordKey(key);
  }
}
