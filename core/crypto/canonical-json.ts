import { badInput } from './errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Deterministic JSON for signing (in the spirit of RFC 8785, JCS): object keys sorted by UTF-16
 * code units, no whitespace, strings escaped as JSON.stringify does. To leave no ambiguity
 * between implementations, numbers must be safe integers (no floats, −0, NaN or exponents),
 * strings must be well-formed UTF-16 (a lone surrogate would become U+FFFD in UTF-8, making two
 * different strings sign the same bytes), and undefined, functions, Dates and other
 * non-plain objects are refused rather than silently dropped or converted.
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function write(v: unknown, depth: number): string {
  if (depth > 64) throw badInput('JSON 嵌套过深');
  if (v === null || typeof v === 'boolean') return String(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || Object.is(v, -0)) throw badInput(`签名数据中的数字必须是安全整数:${String(v)}`);
    return String(v);
  }
  if (typeof v === 'string') {
    if (LONE_SURROGATE.test(v)) throw badInput('签名数据中的字符串含有不成对的代理字符');
    return JSON.stringify(v);
  }
  if (Array.isArray(v)) return `[${v.map((x) => write(x, depth + 1)).join(',')}]`;
  if (typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${write(k, depth + 1)}:${write((v as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
  }
  throw badInput(`签名数据中不允许的值类型:${typeof v}`);
}
