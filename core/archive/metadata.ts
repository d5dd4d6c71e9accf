import type { StoredEvent } from '../kernel/event';

/**
 * DA/T 46-2009 文书类电子文件元数据 for an archived record, read generically from its fields
 * (the names 公文 records use: title, docNumber, issuer, writtenDate, publicity, docKind) and its
 * events, with the archivist's choices (保管期限, 件号) on top. Element names are the standard's.
 */
export interface Da46Metadata {
  聚合层次: '文件';
  题名: string;
  文件编号: string;
  责任者: string;
  /** YYYYMMDD, as DA/T 46 writes dates. */
  日期: string;
  年度: string;
  文种: string;
  密级: string;
  保管期限: string;
  件号: string;
  页数: number;
  附件数: number;
  /** The record in this system: its id and kind. */
  系统标识: string;
  记录类型: string;
}

export interface ArchiveChoices {
  /** 保管期限: 永久, 定期30年 or 定期10年 (DA/T 22); default: the record's field `retention`, else 定期30年. */
  retention?: string;
  /** 件号 as numbered at 整理; default: the record's field `itemNumber`, else empty. */
  itemNumber?: string;
}

export const RETENTIONS = ['永久', '定期30年', '定期10年'] as const;

const text = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

export function da46Metadata(o: {
  recordId: string;
  kind: string;
  kindLabel: string;
  fields: Record<string, unknown>;
  events: readonly StoredEvent[];
  pages: number;
  attachments: number;
  choices?: ArchiveChoices;
}): Da46Metadata {
  const f = o.fields;
  const created = o.events.find((s) => s.event.type === 'create')?.event ?? o.events[0]?.event;
  const date = text(f.writtenDate) || text(f.date) || (created?.at ?? '').slice(0, 10);
  const publicity = text(f.publicity);
  return {
    聚合层次: '文件',
    题名: text(f.title) || `${o.kindLabel} ${o.recordId}`,
    文件编号: text(f.docNumber),
    责任者: text(f.issuer) || created?.by?.unit || '',
    日期: date.replace(/-/g, ''),
    年度: date.slice(0, 4),
    文种: text(f.docKind) || o.kindLabel,
    // Only non-classified work is handled here (涉密 documents are refused at 登记 and 拟稿).
    密级: publicity === '主动公开' ? '公开' : '内部',
    保管期限: o.choices?.retention || text(f.retention) || '定期30年',
    件号: o.choices?.itemNumber || text(f.itemNumber),
    页数: o.pages,
    附件数: o.attachments,
    系统标识: o.recordId,
    记录类型: o.kind,
  };
}
