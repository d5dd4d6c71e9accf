import { ComingSoon } from '../../shared/ComingSoon';
import { PageHeader } from '../../shared/PageHeader';

/** 信访投诉: not built yet. */
export function PetitionsPage() {
  return (
    <div>
      <PageHeader title="信访投诉" />
      <ComingSoon title="信访投诉办理" detail="信访件登记、转办、回复与办结功能建设中,将在后续版本提供。" />
    </div>
  );
}
