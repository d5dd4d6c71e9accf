import { INTAKE_FIELD_LABELS, INTAKE_FIELD_NAMES, type IntakeFieldName } from '../../../../../core/intake/model';
import type { IntakeExtract } from '../../../../../core/ipc/intake';

/** Which form field each intake field fills (null: not on this form); 正文 is `body`. */
export type IntakeFieldMap = Partial<Record<IntakeFieldName | 'body', string | null>>;

export const NOT_FOUND_WARNING = '未能从文件中识别,请核对补充';

export interface IntakeFormUpdate {
  /** Values to set (what was found, and the text as 正文). */
  values: Record<string, unknown>;
  /** Fields to mark: each one not found in the file. */
  marks: Array<{ name: string; warnings: string[] }>;
  /** Names (Chinese) of the fields not found, for a summary line. */
  missingLabels: string[];
}

/** What the 登记 form should show for an extraction: found fields filled, the others marked. */
export function intakeFormUpdate(result: Pick<IntakeExtract, 'fields' | 'missing' | 'text'>, map: IntakeFieldMap = {}): IntakeFormUpdate {
  const nameOf = (f: IntakeFieldName | 'body'): string | null => (f in map ? (map[f] ?? null) : f);
  const values: Record<string, unknown> = {};
  const marks: IntakeFormUpdate['marks'] = [];
  for (const field of INTAKE_FIELD_NAMES) {
    const name = nameOf(field);
    if (!name) continue;
    if (result.missing.includes(field)) marks.push({ name, warnings: [NOT_FOUND_WARNING] });
    else if (result.fields[field] !== undefined) values[name] = result.fields[field];
  }
  const body = nameOf('body');
  if (body && result.text) values[body] = result.text;
  return { values, marks, missingLabels: result.missing.map((f) => INTAKE_FIELD_LABELS[f]) };
}
