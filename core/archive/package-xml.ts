import type { StoredEvent } from '../kernel/event';
import type { Da46Metadata } from './metadata';
import { ARCHIVE_FORMAT, LOCK_FILE, MANIFEST_FILE, type ManifestEntry } from './manifest';

/** One signature or seal of the record, as listed in the 电子签名块. */
export interface SignatureEntry {
  eventId: string;
  /** 事件签名 (every signed event), 签发 or 用印 (the document signatures inside a `sign` event). */
  kind: string;
  signer: string;
  /** Where its bytes are in the package. */
  file: string;
  /** Where the signer's certificate is. */
  certificate: string;
}

export interface PackageXmlInput {
  metadata: Da46Metadata;
  exportedAt: string;
  exporter: string;
  files: readonly ManifestEntry[];
  events: readonly StoredEvent[];
  eventLabel: (type: string) => string;
  signatures: readonly SignatureEntry[];
}

const esc = (s: string | number): string =>
  String(s).replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);
const el = (name: string, value: string | number): string => `<${name}>${esc(value)}</${name}>`;
const attrs = (a: Record<string, string | number | null | undefined>): string =>
  Object.entries(a)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${esc(v as string | number)}"`)
    .join('');

const STATUS: Record<StoredEvent['status'], string> = { confirmed: '已确认', pending: '待同步', rejected: '已被拒绝' };

const FILE_USE: Record<string, string> = {
  pdf: '版式文件', metadata: '元数据(JSON)', content: '记录内容', events: '业务行为日志', signature: '电子签名',
  seal: '电子印章', blob: '原件或附件', certificate: '证书', crl: '证书吊销列表', package: '封装包',
};

/**
 * The DA/T 48-style package (package.xml): one XML holding the record's metadata (DA/T 46), its
 * file entities (by reference and SM3: the bytes are files of the zip), its business actions
 * (the event log) and its signatures. The 锁定签名 is manifest.sig over manifest.json, which
 * carries this file's SM3 (main/archive/README.md says where this deviates from DA/T 48).
 */
export function packageXml(o: PackageXmlInput): string {
  const m = o.metadata;
  const meta = Object.entries(m).map(([k, v]) => `        ${el(k, v)}`).join('\n');
  const files = o.files
    .map((f, i) => `        <文件实体${attrs({ 序号: i + 1 })}>${el('文件名', f.path)}${el('用途', FILE_USE[f.role] ?? f.role)}${el('大小', f.size)}${el('杂凑算法', 'SM3')}${el('杂凑值', f.sm3)}</文件实体>`)
    .join('\n');
  const events = o.events
    .map((s, i) => {
      const e = s.event;
      return `        <业务行为${attrs({ 序号: i + 1, 服务器序号: s.seq, 状态: STATUS[s.status], 标识: e.id })}>${el('行为', o.eventLabel(e.type))}${el('类型', e.type)}${el('时间', e.at)}${el('行为人', e.by?.name ?? e.actor)}${el('账号', e.actor)}${el('机构', e.by?.unit ?? '')}${el('已签名', e.sig ? '是' : '否')}${s.reason ? el('拒绝原因', s.reason) : ''}</业务行为>`;
    })
    .join('\n');
  const signatures = o.signatures
    .map((s, i) => `      <电子签名${attrs({ 序号: i + 1, 类型: s.kind, 事件: s.eventId })}>${el('签名算法', 'SM2-with-SM3')}${el('签名者', s.signer)}${el('签名文件', s.file)}${el('证书引用', s.certificate)}</电子签名>`)
    .join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<电子文件封装包 xmlns="urn:xietong:archive:1">`,
    `  ${el('封装包格式描述', '参照 DA/T 48-2009《基于XML的电子文件封装规范》与 DA/T 46-2009《文书类电子文件元数据方案》;文件实体以 SM3 引用 zip 中的文件')}`,
    `  ${el('版本', ARCHIVE_FORMAT)}`,
    '  <被签名对象>',
    `    ${el('封装包类型', '原始型')}`,
    `    ${el('封装包创建时间', o.exportedAt)}`,
    `    ${el('封装包创建者', o.exporter)}`,
    '    <封装内容>',
    '      <文书类元数据>',
    meta,
    '      </文书类元数据>',
    '      <文件实体块>',
    files,
    '      </文件实体块>',
    '      <业务实体块>',
    events,
    '      </业务实体块>',
    '    </封装内容>',
    '  </被签名对象>',
    '  <电子签名块>',
    signatures,
    '  </电子签名块>',
    `  <锁定签名${attrs({ 签名文件: LOCK_FILE, 被签名文件: MANIFEST_FILE })}>${esc('SM2 签名,覆盖 manifest.json;manifest.json 载有本文件及包内其余每个文件的 SM3')}</锁定签名>`,
    '</电子文件封装包>',
    '',
  ].join('\n');
}
