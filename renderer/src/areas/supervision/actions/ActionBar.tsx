import { Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import type { SupervisionDetail } from '../../../../../core/ipc/supervision';
import { actorLabel, type Actor } from '../../../../../core/supervision/actor';
import type { EventType } from '../../../../../core/supervision/events';
import { AssignModal } from './AssignModal';
import { CloseModal, CompletionRequestModal, ReviewModal } from './CompletionModals';
import { ExtensionDecisionModal, ExtensionRequestModal } from './ExtensionModals';
import { ReportModal } from './ReportModal';
import { SetDeadlineModal } from './SetDeadlineModal';
import { EvaluateModal } from './UnitJudgementModals';
import { UrgeModal } from './UrgeModal';
import { useAct } from './useAct';

/** Buttons of the item-level actions, in lifecycle order; per-report/notice actions sit in their lists. */
const BUTTONS: Array<{ type: EventType; label: (d: SupervisionDetail) => string; primary?: boolean }> = [
  { type: 'assign', label: (d) => (d.status === 'draft' ? '交办' : '追加交办'), primary: true },
  { type: 'acknowledge', label: () => '签收', primary: true },
  { type: 'report', label: () => '进展反馈', primary: true },
  { type: 'set_deadline', label: () => '设定时限', primary: true },
  { type: 'urge', label: () => '催办' },
  { type: 'extension_request', label: () => '延期申请' },
  { type: 'extension_decision', label: () => '延期审批', primary: true },
  { type: 'completion_request', label: () => '办结申请' },
  { type: 'completion_review', label: () => '办结审核', primary: true },
  { type: 'close', label: () => '销号', primary: true },
  { type: 'evaluate', label: () => '评价' },
];

/**
 * The lifecycle actions the current identity may take now (the service decides: `detail.actions`).
 * Each opens its dialog; 签收 needs none.
 */
export function ActionBar({ detail, actor, onDone }: { detail: SupervisionDetail; actor: Actor; onDone: (d: SupervisionDetail) => void }) {
  const [open, setOpen] = useState<EventType | null>(null);
  const { run, busy } = useAct(detail, onDone);
  const close = () => setOpen(null);
  const props = { detail, onDone, onClose: close };
  const available = BUTTONS.filter((b) => detail.actions.includes(b.type));
  const pendingExtension = detail.extensions.find((e) => !e.decision);
  const click = (type: EventType) => {
    if (type === 'acknowledge') void run({ type: 'acknowledge', unit: actor.unit }, '已签收');
    else setOpen(type);
  };
  return (
    <Flex gap={8} align="center" wrap data-testid="action-bar">
      <Typography.Text type="secondary">以 {actorLabel(actor)} 身份办理:</Typography.Text>
      {available.length === 0 ? <Typography.Text type="secondary">当前身份暂无可办理的操作</Typography.Text> : null}
      {available.map((b) => (
        <Button
          key={b.type}
          type={b.primary ? 'primary' : 'default'}
          loading={b.type === 'acknowledge' && busy}
          onClick={() => click(b.type)}
          data-testid={`action-${b.type}`}
        >
          {b.label(detail)}
        </Button>
      ))}
      {open === 'assign' ? <AssignModal {...props} open /> : null}
      {open === 'report' ? <ReportModal {...props} open unit={actor.unit} /> : null}
      {open === 'set_deadline' ? <SetDeadlineModal {...props} open /> : null}
      {open === 'urge' ? <UrgeModal {...props} open issuer={actor.unit || actor.name} /> : null}
      {open === 'extension_request' ? <ExtensionRequestModal {...props} open unit={actor.unit} /> : null}
      {open === 'extension_decision' && pendingExtension ? <ExtensionDecisionModal {...props} open requestId={pendingExtension.eventId} /> : null}
      {open === 'completion_request' ? <CompletionRequestModal {...props} open unit={actor.unit} /> : null}
      {open === 'completion_review' ? <ReviewModal {...props} open /> : null}
      {open === 'close' ? <CloseModal {...props} open /> : null}
      {open === 'evaluate' ? <EvaluateModal {...props} open /> : null}
    </Flex>
  );
}
