import { toHex, utf8Encode } from '../crypto/bytes';
import { hmacSm3 } from '../crypto/hmac';
import { normalizeDigits } from '../text/normalize';

/**
 * Keyed blind index of petitioners' identifiers: HMAC-SM3 with the 信访 office's index key over a
 * normalised value, so the same person is found by ID number, phone or name without storing or
 * comparing plaintext. Without the office key a token reveals nothing (no dictionary attack on
 * the 10^8 phone numbers). Tokens are per field (a phone never matches an ID number).
 */
export type IndexedField = 'name' | 'idNumber' | 'phone';

export function normalizeIdentifier(field: IndexedField, value: string): string {
  const v = normalizeDigits(value).normalize('NFKC').replace(/[\s·•.\-()()]/g, '');
  if (field === 'idNumber') return v.toUpperCase();
  if (field === 'phone') return v.replace(/^(\+?86)(?=1\d{10}$)/, '');
  return v;
}

/** The token of one value; '' for an empty value (nothing to match). 32 hex digits (128 bits). */
export function blindToken(indexKey: Uint8Array, field: IndexedField, value: string): string {
  const norm = normalizeIdentifier(field, value);
  if (norm === '') return '';
  if (indexKey.length < 16) throw new Error('信访索引密钥长度不足');
  return toHex(hmacSm3(indexKey, utf8Encode(`xietong/petition/bi/v1/${field}\u0000${norm}`))).slice(0, 32);
}
