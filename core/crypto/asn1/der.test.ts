import { describe, expect, it } from 'vitest';
import { fromHex } from '../bytes';
import { children, parseDer, readBitStringBytes, readInteger, readOid, TAG } from './der';
import { readString, readTime } from './der-strings';
import { generalizedTime, integer, oid, seq, setOf, utcTime, x509Time } from './der-write';

describe('strict DER', () => {
  it('integers: minimal encodings round-trip; non-minimal ones are rejected', () => {
    for (const v of [0n, 1n, 127n, 128n, 255n, 256n, -1n, -128n, -129n, (1n << 256n) - 1n]) {
      expect(readInteger(parseDer(integer(v)), false)).toBe(v);
    }
    expect(() => readInteger(parseDer(fromHex('02020001')))).toThrow(/non-minimal/);
    expect(() => readInteger(parseDer(fromHex('0202ff80')), false)).toThrow(/non-minimal/);
    expect(() => readInteger(parseDer(fromHex('020180')))).toThrow(/negative/);
    expect(() => readInteger(parseDer(fromHex('0200')))).toThrow(/empty/);
  });

  it('lengths: definite and minimal only; no trailing bytes', () => {
    expect(() => parseDer(fromHex('3080020101 0000'.replace(/ /g, '')))).toThrow(/indefinite/);
    expect(() => parseDer(fromHex('308103020101'))).toThrow(/non-minimal/);
    expect(() => parseDer(fromHex('30820003020101'))).toThrow(/non-minimal/);
    expect(() => parseDer(fromHex('3003020101ff'))).toThrow(/trailing/);
    expect(() => parseDer(fromHex('3004020101'))).toThrow(/truncated/);
    const long = seq(new Uint8Array(300).fill(5));
    expect(parseDer(long).value.length).toBe(300);
  });

  it('OIDs round-trip, including the SM OIDs', () => {
    for (const o of ['1.2.156.10197.1.301', '1.2.156.10197.1.501', '1.2.840.10045.2.1', '2.5.4.3', '2.999.1']) {
      expect(readOid(parseDer(oid(o)))).toBe(o);
    }
    expect(() => readOid(parseDer(fromHex('06028001')))).toThrow();
  });

  it('times: UTCTime before 2050, GeneralizedTime from 2050, strict format', () => {
    const d = new Date(Date.UTC(2026, 0, 31, 23, 59, 58));
    expect(readTime(parseDer(x509Time(d)))).toEqual(d);
    expect(parseDer(x509Time(d)).tag).toBe(TAG.UTC_TIME);
    const late = new Date(Date.UTC(2051, 5, 1));
    expect(parseDer(x509Time(late)).tag).toBe(TAG.GENERALIZED_TIME);
    expect(readTime(parseDer(generalizedTime(late)))).toEqual(late);
    expect(() => readTime(parseDer(new Uint8Array([0x17, 11, ...Buffer.from('2601312359Z')])))).toThrow();
    expect(() => readTime(parseDer(new Uint8Array([0x17, 13, ...Buffer.from('260231000000Z')])))).toThrow(/invalid date/);
    expect(() => utcTime(late)).toThrow();
  });

  it('SET OF is sorted; BIT STRING with unused bits and bad strings are rejected', () => {
    const a = integer(2);
    const b = integer(1);
    expect(children(parseDer(setOf(a, b)), TAG.SET).map((n) => readInteger(n))).toEqual([1n, 2n]);
    expect(() => readBitStringBytes(parseDer(fromHex('03020100')))).toThrow();
    expect(readString(parseDer(new Uint8Array([0x0c, 4, 0xf3, 0xa0, 0x84, 0x80])))).toBe('\u{E0100}');
    expect(() => readString(parseDer(new Uint8Array([0x0c, 2, 0xc0, 0x80])))).toThrow();
    expect(() => readString(parseDer(new Uint8Array([0x16, 1, 0xe4])))).toThrow();
  });
});
