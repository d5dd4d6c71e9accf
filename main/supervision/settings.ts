import { SupervisionSettings } from '../../core/ipc/dashboard';
import { describeIssues } from '../../core/ipc/dispatch';
import { AppError } from '../../core/result';
import { DEFAULT_WARN_WORKING_DAYS } from '../../core/supervision/item-light';
import type { Store } from '../store/store';

/** Where 督办设置 lives in the profile (the `meta` table), beside the ranking switch. */
export const SETTINGS_META_KEY = 'supervision.settings';

export const DEFAULT_SUPERVISION_SETTINGS: SupervisionSettings = { warnWorkingDays: DEFAULT_WARN_WORKING_DAYS };

export interface SettingsRead {
  settings: SupervisionSettings;
  /** Why the stored value was not used (the defaults are in force), or null. */
  problem: string | null;
}

export interface SupervisionSettingsStoreOptions {
  /** Told once per distinct unreadable stored value; default: the host's log. */
  report?: (message: string) => void;
}

/**
 * 督办设置 in the profile, read on every use: list, detail, 一屏通览, 通报 and notifications each
 * ask for the current value, so a change shows everywhere at once with nothing to invalidate.
 * The read is one primary-key lookup in `meta`.
 *
 * The stored value is `unknown` until the contract's schema accepts it: a hand-edited or
 * half-written value never stops the lights from showing — the default is used and the problem
 * reported (to the log, and as `problem` for the 设置 card).
 */
export class SupervisionSettingsStore {
  private readonly report: (message: string) => void;
  private reported: string | null = null;

  constructor(
    private readonly store: Pick<Store, 'getMeta' | 'setMeta'>,
    opts: SupervisionSettingsStoreOptions = {},
  ) {
    this.report = opts.report ?? ((message) => console.warn(message));
  }

  read(): SettingsRead {
    const raw = this.store.getMeta(SETTINGS_META_KEY);
    if (raw === null) return { settings: DEFAULT_SUPERVISION_SETTINGS, problem: null };
    const parsed = SupervisionSettings.safeParse(parseJson(raw));
    if (parsed.success) return { settings: parsed.data, problem: null };
    const problem = `保存的督办设置无法读取,已按默认值(黄灯预警:截止前 ${DEFAULT_WARN_WORKING_DAYS} 个工作日)计算;重新保存即可恢复。`;
    if (this.reported !== raw) {
      this.reported = raw;
      this.report(`督办设置(meta ${SETTINGS_META_KEY})无效,已使用默认值:${raw.slice(0, 200)}`);
    }
    return { settings: DEFAULT_SUPERVISION_SETTINGS, problem };
  }

  warnWorkingDays(): number {
    return this.read().settings.warnWorkingDays;
  }

  /** Validates again (callers other than the dispatcher) and replaces the stored value. */
  write(settings: SupervisionSettings): void {
    const checked = SupervisionSettings.safeParse(settings);
    if (!checked.success) throw new AppError('BAD_INPUT', `输入有误:${describeIssues(checked.error)}`);
    this.store.setMeta(SETTINGS_META_KEY, JSON.stringify(checked.data));
    this.reported = null;
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}
