import dayjs from 'dayjs';

/** Unit lists read like the documents: 市审批管理局、市工信局(大数据局) */
export const joinUnits = (units: readonly string[]): string => (units.length ? units.join('、') : '—');

export const dateOrDash = (date: string | null | undefined): string => (date ? date : '—');

/** ISO timestamps as 2022-05-08 14:03; anything unparsable is shown as given. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.isValid() ? d.format('YYYY-MM-DD HH:mm') : iso;
}
