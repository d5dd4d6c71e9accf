/**
 * This product handles non-classified work only (非涉密): a 公文 marked 绝密, 机密 or 秘密 (国家秘密,
 * with or without ★ and a 保密期限) is refused at 拟稿 and at 收文登记, with the same message.
 * 工作秘密 and 内部 are not 国家秘密 and stay allowed.
 */
export const CLASSIFIED_REFUSAL = '本系统仅处理非涉密公文,涉密公文(绝密、机密、秘密)请通过涉密专用系统和渠道办理';

/** True when `marking` (密级和保密期限 as written) names a state-secret level. */
export function isClassified(marking: string | null | undefined): boolean {
  if (!marking) return false;
  const s = marking.replace(/\s+/g, '');
  return /绝密|机密/.test(s) || /(^|[^作])秘密/.test(s);
}
