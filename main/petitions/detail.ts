import type { Actor } from '../../core/kernel/actor';
import { allowedTypes } from '../../core/kernel/reduce';
import type { PetitionDetail } from '../../core/ipc/petitions';
import { petitionArea } from '../../core/petitions/area';
import { petitionDeadlines } from '../../core/petitions/derived';
import { isOffice, mayDecrypt } from '../../core/petitions/permissions';
import type { PetitionState } from '../../core/petitions/state';
import type { TrustStore } from '../../core/crypto/x509/chain';
import { replySeal } from './reply-seal';
import { maskedPerson } from '../../core/petitions/protect';
import { AppError } from '../../core/result';
import { caseView, maySee } from './context';

/** What an event shows in the history: masked facts only (a unit's whole staff may read it). */
function noteOf(type: string, payload: Record<string, unknown>): string {
  const str = (k: string) => (typeof payload[k] === 'string' ? (payload[k] as string) : '');
  if (type === 'assign') return `${str('mode')}至${str('unit')}`;
  if (type === 'refuse') return str('reason');
  if (type === 'extend_request') return `申请延期${String(payload.days ?? '')}日:${str('reason')}`;
  if (type === 'extend_approve') return `延至${str('until')};告知信访人:${str('toldPetitioner')}`;
  if (type === 'reply' || type === 'review_decide' || type === 'recheck_decide') return [str('result'), str('summary')].filter(Boolean).join(':');
  if (type === 'review_request' || type === 'recheck_request') return `收到日期${str('receivedOn')}:${str('reason')}`;
  if (type === 'visit') return `${str('satisfaction')} ${str('note')}`.trim();
  if (type === 'decrypt') return `事由:${str('reason')}${Array.isArray(payload.fields) && payload.fields.includes('attachment') ? '(附件)' : ''}`;
  if (type === 'edit' && payload.values && typeof payload.values === 'object' && 'reply' in payload.values) return '答复意见载入答复意见书';
  if (type === 'sign') return `加盖${String((payload.by as { unit?: unknown } | undefined)?.unit ?? '')}电子印章(答复意见书)`;
  if (type === 'hotline_limit') {
    const p = payload.period as { unit?: string; n?: number } | undefined;
    return `12345办理时限:${p?.unit === 'same-day' ? '当日' : `${String(p?.n ?? '')}个工作日`}`;
  }
  if (type === 'attach') return `${str('stage') === '登记' ? '登记时上传' : '办理材料'}${Array.isArray(payload.files) ? payload.files.length : 0}个附件(已加密)`;
  if (type === 'link') return `${str('relation')} ${str('target')}:${str('reason')}`;
  return '';
}

function sealOf(store: Parameters<typeof caseView>[0], id: string, viewer: Actor, s: PetitionState, trust: TrustStore | null): Pick<PetitionDetail, 'canSeal' | 'sealed'> {
  const seal = s.replied ? replySeal(store, id, trust) : null;
  const sealed = seal ? { unit: seal.unit, esID: seal.esID, at: seal.at } : null;
  return { sealed, canSeal: isOffice(viewer) && s.replied !== null && !seal };
}

/** The case as `viewer` sees it: masked persons, the limits, the history and the audit trail. */
export function petitionDetail(store: Parameters<typeof caseView>[0], id: string, viewer: Actor, trust: TrustStore | null = null): PetitionDetail {
  const view = caseView(store, id);
  const s = view.reduced.state;
  if (!maySee(viewer, s)) throw new AppError('FORBIDDEN', '无权查看该信访事项');
  return {
    id, channel: view.fields.channel, category: view.fields.category, hotlineType: view.fields.hotlineType,
    matter: view.fields.matter, locality: view.fields.locality, anonymous: view.fields.anonymous,
    status: s.status, unit: s.unit, handler: s.handler, head: view.reduced.head,
    persons: view.fields.persons.map(maskedPerson),
    canDecrypt: mayDecrypt(viewer, s),
    allowed: allowedTypes(petitionArea, viewer, s),
    deadlines: petitionDeadlines(view).map((d) => ({ name: d.name, due: d.due, rule: d.rule, done: d.done })),
    history: view.reduced.history.filter((h) => h.applied || h.event.type === 'create').map((h) => ({
      type: h.event.type,
      label: h.event.type === 'create' ? '登记' : petitionArea.events[h.event.type]?.label ?? h.event.type,
      at: h.event.at,
      by: h.event.by ? `${h.event.by.name}(${h.event.by.unit})` : h.event.actor,
      note: noteOf(h.event.type, h.event.payload),
    })),
    audit: s.audit,
    ...sealOf(store, id, viewer, s, trust),
    attachments: s.attachments.map((a) => ({ sm3: a.file.blob.sm3, size: a.file.size, mime: a.file.mime, by: a.by, at: a.at })),
  };
}
