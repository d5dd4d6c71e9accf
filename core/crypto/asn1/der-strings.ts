import { utf8Decode } from '../bytes';
import { DerError, TAG, type DerNode } from './der';

/** Character strings and times. Times are strict DER: UTC ('Z'), whole seconds. */

export function readString(node: DerNode): string {
  switch (node.tag) {
    case TAG.UTF8:
      try {
        return utf8Decode(node.value);
      } catch {
        throw new DerError('bad UTF8String');
      }
    case TAG.PRINTABLE:
    case TAG.IA5: {
      let s = '';
      for (const b of node.value) {
        if (b > 0x7f) throw new DerError('non-ASCII byte in string');
        s += String.fromCharCode(b);
      }
      return s;
    }
    case TAG.BMP: {
      if (node.value.length % 2) throw new DerError('bad BMPString');
      let s = '';
      for (let i = 0; i < node.value.length; i += 2) s += String.fromCharCode((node.value[i]! << 8) | node.value[i + 1]!);
      return s;
    }
    default:
      throw new DerError(`unsupported string tag 0x${node.tag.toString(16)}`);
  }
}

export function readTime(node: DerNode): Date {
  let s = '';
  for (const b of node.value) s += String.fromCharCode(b);
  let m: RegExpExecArray | null;
  let year: number;
  if (node.tag === TAG.UTC_TIME) {
    m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
    if (!m) throw new DerError('bad UTCTime');
    const yy = Number(m[1]);
    year = yy < 50 ? 2000 + yy : 1900 + yy; // RFC 5280 §4.1.2.5.1
  } else if (node.tag === TAG.GENERALIZED_TIME) {
    m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(s);
    if (!m) throw new DerError('bad GeneralizedTime');
    year = Number(m[1]);
  } else throw new DerError('expected a time');
  const [mo, d, h, mi, se] = [2, 3, 4, 5, 6].map((i) => Number(m![i]));
  const date = new Date(Date.UTC(year, mo! - 1, d!, h!, mi!, se!));
  if (date.getUTCMonth() !== mo! - 1 || date.getUTCDate() !== d! || h! > 23 || mi! > 59 || se! > 59) throw new DerError('invalid date');
  return date;
}
