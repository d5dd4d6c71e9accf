export interface Skip {
  file: string;
  title: string;
  reason?: string | null;
}
export interface SkipLogEntry {
  tool: string;
  reason: string;
  file: string | null;
}
export function toolsRequired(env: Record<string, string | undefined>): boolean;
export function vitestSkips(report: unknown): Skip[];
export function playwrightSkips(report: unknown, testDir?: string): Skip[];
export function parseSkipLog(text: string | null | undefined): SkipLogEntry[];
export const NO_REASON: string;
export function skipReport(skips: Skip[], log: SkipLogEntry[], root: string): { count: number; files: number; lines: string[] };
