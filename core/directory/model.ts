import { z } from 'zod';

/** A unit of the organisation directory (通讯录). Groups (市直各部门) stay groups. */
export const UnitKind = z.enum(['unit', 'district', 'group']);
export type UnitKind = z.infer<typeof UnitKind>;

export const Unit = z.object({
  name: z.string(),
  kind: UnitKind,
  /** For bracketed names like 市工信局(大数据局): the alias inside the brackets. */
  aliases: z.array(z.string()),
  /** Items where the unit leads / is responsible. */
  leadCount: z.number().int(),
  responsibleCount: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;
