import { ComingSoon } from '../../shared/ComingSoon';
import { PageHeader } from '../../shared/PageHeader';

/** 提案建议 (人大建议、政协提案): not built yet. */
export function ProposalsPage() {
  return (
    <div>
      <PageHeader title="提案建议" />
      <ComingSoon title="提案建议办理" detail="人大代表建议、政协提案的交办、答复与办结功能建设中,将在后续版本提供。" />
    </div>
  );
}
