import { chineseDate, beijingDate } from '../../core/calendar/iso-date';
import type { BriefingExport } from '../../core/ipc/dashboard';
import type { Actor } from '../../core/kernel/actor';
import { AppError } from '../../core/result';
import { renderOfficial } from '../documents/official';
import { caseView, type PetitionContext } from './context';
import { replySeal } from './reply-seal';
import { revealCase, type DecryptReason } from './reveal';
import type { TrustStore } from '../../core/crypto/x509/chain';

export type NoticeKind = '受理告知书' | '不予受理告知书' | '答复意见书';

const OFFICE_NAME = '厦门市信访局';

/**
 * The 告知书 and 答复意见书 a petitioner receives, laid out as a 公文 (main/layout, PDF). They name
 * the petitioner, so they are made on demand by someone who may decrypt (with the audit entry)
 * and never stored in the profile; the 答复 itself is the signed `reply` event.
 */
export async function petitionNotice(ctx: PetitionContext, id: string, kind: NoticeKind, actor: Actor, reason: DecryptReason, trust: TrustStore | null = null): Promise<BriefingExport> {
  const view = caseView(ctx.store, id);
  const s = view.reduced.state;
  const stage = kind === '受理告知书' ? s.accepted : kind === '不予受理告知书' ? s.refused : s.replied;
  if (!stage) throw new AppError('CONFLICT', `尚未${kind === '答复意见书' ? '答复' : kind === '受理告知书' ? '受理' : '作出不予受理决定'},不能生成${kind}`);
  const names = view.fields.anonymous ? [] : (await revealCase(ctx, id, actor, reason, ['name'])).map((p) => p.name ?? '');
  const registered = beijingDate(new Date(view.reduced.created?.at ?? view.createdAt));
  const to = names.length > 0 ? names.join('、') : '信访人';
  const event = ctx.store.events(id).find((e) => e.event.id === stage.eventId)?.event.payload ?? {};
  const text = (k: string) => (typeof event[k] === 'string' ? (event[k] as string) : '');
  // The 答复意见书 carries the office's seal once it is applied and verified over this 答复; until then a placeholder.
  const seal = kind === '答复意见书' ? replySeal(ctx.store, id, trust) : null;
  const opening = `${to}:\n你(们)于${chineseDate(registered)}通过${view.fields.channel}反映的“${view.fields.matter.slice(0, 60)}${view.fields.matter.length > 60 ? '……' : ''}”事项收悉。`;
  const body =
    kind === '受理告知书' ? [opening, `根据《信访工作条例》第二十二条、第三十二条的规定,本机关已于${chineseDate(stage.on)}依法受理,将自受理之日起60日内办结;情况复杂的,经批准可以适当延长办理期限,但延长期限不超过30日,并将告知延期理由。`]
    : kind === '不予受理告知书' ? [opening, `经审查,该事项${text('reason')}。根据《信访工作条例》的规定,本机关决定不予受理。`]
    : [opening, `经调查核实,现答复如下:`, seal ? view.fields.reply!.summary : text('summary'), '如对本答复意见不服,可以自收到本答复意见之日起30日内请求原办理机关的上一级机关复查。'];
  return renderOfficial({
    issuerMark: OFFICE_NAME,
    docNumber: `厦信〔${stage.on.slice(0, 4)}〕${parseInt(id.replace(/[^0-9]/g, '').slice(0, 4) || '1', 10)}号`,
    title: kind,
    mainRecipients: [],
    body: body.flatMap((p) => p.split('\n')).filter(Boolean).map((t) => ({ text: t })),
    issuer: OFFICE_NAME,
    writtenDate: stage.on,
    seal: kind === '答复意见书',
    ...(seal ? { note: `电子印章编码${seal.esID},${seal.unit}${beijingDate(new Date(seal.at))}用印` } : {}),
    banji: { cc: [], others: [], printer: OFFICE_NAME, printDate: beijingDate(ctx.now()) },
  }, 'pdf', `${kind}_${id.slice(0, 8)}${kind === '答复意见书' && !seal ? '_未用印' : ''}`, seal ? { sealImage: seal.picture } : {});
}
