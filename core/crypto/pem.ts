import { fromBase64, toBase64 } from './bytes';
import { badInput } from './errors';

/** PEM armour (RFC 7468): 64-column base64 between BEGIN/END lines. */
export function encodePem(label: string, der: Uint8Array): string {
  const b64 = toBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

/** All PEM blocks in a text (a chain file holds several). Text outside blocks is ignored. */
export function decodePemAll(text: string): PemBlock[] {
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
  const out: PemBlock[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] !== m[3]) throw badInput(`PEM 标签不一致:${m[1]} / ${m[3]}`);
    const body = m[2]!.replace(/[\r\n\t ]+/g, '');
    if (/:/.test(m[2]!)) throw badInput('不支持带加密头的 PEM(请先用 openssl 解密)');
    try {
      out.push({ label: m[1]!, der: fromBase64(body) });
    } catch {
      throw badInput(`PEM 内容不是有效的 base64:${m[1]}`);
    }
  }
  return out;
}

/** Exactly one block, with one of the accepted labels. */
export function decodePem(text: string, labels: readonly string[]): PemBlock {
  const blocks = decodePemAll(text).filter((b) => labels.includes(b.label));
  if (blocks.length !== 1) throw badInput(`需要一个 PEM 块(${labels.join(' / ')}),找到 ${blocks.length} 个`);
  return blocks[0]!;
}
