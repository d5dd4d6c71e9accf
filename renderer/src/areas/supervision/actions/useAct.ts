import { App } from 'antd';
import { useState } from 'react';
import type { SupervisionDetail } from '../../../../../core/ipc/supervision';
import type { AppErrorShape } from '../../../../../core/result';
import type { SupervisionActionInput } from '../../../../../core/supervision/actions';
import { api } from '../../../bridge';

/**
 * Sends one lifecycle action as the current identity, based on the detail's `head`, so an action
 * made after someone else's is refused with a clear message rather than applied out of order.
 */
export function useAct(detail: SupervisionDetail, onDone: (d: SupervisionDetail) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const { message } = App.useApp();
  const run = async (action: SupervisionActionInput, success: string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    const result = await api.supervision.act({ id: detail.id, basis: detail.head, action });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      message.error(result.error.message);
      return false;
    }
    message.success(success);
    onDone(result.value);
    return true;
  };
  return { run, busy, error, clearError: () => setError(null) };
}
