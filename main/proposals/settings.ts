import { ProposalSettings } from '../../core/proposals/contract';
import { DEFAULT_TERMS } from '../../core/proposals/terms';
import type { Store } from '../store/store';

/**
 * 提案建议设置 in the profile (`meta`): the terms the next 交办 carries (core/proposals/terms.ts) and
 * units added to the 承办单位名录. The stored value is `unknown` until the schema accepts it; an
 * unreadable one never stops the work: the defaults apply and the 设置 page says so.
 */
export const PROPOSAL_SETTINGS_KEY = 'proposals.settings';

export const DEFAULT_PROPOSAL_SETTINGS: ProposalSettings = { terms: DEFAULT_TERMS, extraUnits: [] };

export interface ProposalSettingsRead {
  settings: ProposalSettings;
  problem: string | null;
}

export function readProposalSettings(store: Pick<Store, 'getMeta'>): ProposalSettingsRead {
  const raw = store.getMeta(PROPOSAL_SETTINGS_KEY);
  if (raw === null) return { settings: DEFAULT_PROPOSAL_SETTINGS, problem: null };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = ProposalSettings.safeParse(json);
  if (parsed.success) return { settings: parsed.data, problem: null };
  return { settings: DEFAULT_PROPOSAL_SETTINGS, problem: '保存的提案建议设置无法读取,已按默认期限(交办后3个月答复等)执行;重新保存即可恢复。' };
}

export function saveProposalSettings(store: Pick<Store, 'getMeta' | 'setMeta'>, value: ProposalSettings): ProposalSettingsRead {
  store.setMeta(PROPOSAL_SETTINGS_KEY, JSON.stringify(ProposalSettings.parse(value)));
  return readProposalSettings(store);
}
