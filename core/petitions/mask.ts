import type { PetitionFields } from './model';

/**
 * What everyone who may not decrypt sees of a petitioner: 350203********1234, 138****5678, 张*.
 * Masks are computed at 登记 by the office and stored beside the ciphertext, so lists, search,
 * 待办, notices and exports never need a key.
 */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 4) return '*'.repeat(s.length);
  if (s.length < 12) return `${'*'.repeat(s.length - 4)}${s.slice(-4)}`;
  return `${s.slice(0, 6)}${'*'.repeat(s.length - 10)}${s.slice(-4)}`;
}

export function maskPhone(phone: string): string {
  const d = phone.replace(/\s|-/g, '');
  if (d.length < 7) return '*'.repeat(d.length);
  return `${d.slice(0, 3)}${'*'.repeat(d.length - 7)}${d.slice(-4)}`;
}

/** 张* for 张三, 欧阳** for 欧阳娜娜 is too revealing: keep only the first character. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** The petitioner as a list shows them: 张* / 张*等3人(联名) / 匿名. */
export function petitionerLabel(fields: Pick<PetitionFields, 'persons' | 'anonymous'>): string {
  const persons = fields.persons;
  if (fields.anonymous || persons.length === 0) return '匿名';
  const first = persons[0]!.masked.name;
  return persons.length === 1 ? first : `${first}等${persons.length}人(联名)`;
}
