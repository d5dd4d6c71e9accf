/**
 * A clock that starts at a given instant and runs on from there: `--now 2022-07-05T09:00:00+08:00`
 * (or OA_NOW) in the web host, so end-to-end tests and demonstrations can move the date the
 * status lights are computed for. Time keeps moving, so events made after each other still get
 * increasing timestamps. Without a start, the real clock.
 */
export function clockFrom(start: string | undefined, real: () => number = Date.now): () => Date {
  if (start === undefined || start === '') return () => new Date(real());
  const at = Date.parse(start);
  if (Number.isNaN(at) || !/^\d{4}-\d{2}-\d{2}/.test(start)) {
    throw new Error(`--now 需要 ISO 时间,如 2022-07-05T09:00:00+08:00,收到 “${start}”`);
  }
  const offset = at - real();
  return () => new Date(real() + offset);
}
