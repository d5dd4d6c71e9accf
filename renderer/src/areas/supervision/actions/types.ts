import type { SupervisionDetail } from '../../../../../core/ipc/supervision';

/** What every action dialog gets from the detail page. */
export interface ActionProps {
  detail: SupervisionDetail;
  open: boolean;
  onClose: () => void;
  onDone: (detail: SupervisionDetail) => void;
}
