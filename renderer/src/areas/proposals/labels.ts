import type { ProposalPhase } from '../../../../core/proposals/state';

export { PHASE_LABEL } from '../../../../core/proposals/state';

export const PHASE_COLOR: Record<ProposalPhase, string> = {
  registered: 'default',
  handling: 'processing',
  replied: 'cyan',
  dissatisfied: 'error',
  redo: 'warning',
  rated: 'purple',
  closed: 'success',
};

/** The 办理记录 words of the steps (as core/proposals/events.ts labels them), for buttons. */
export const ACTION_LABEL: Record<string, string> = {
  assign: '交办',
  adjust_request: '申请调整',
  adjust_decide: '审定调整申请',
  contact: '登记沟通面商',
  opinion: '提出协办意见',
  extend_request: '申请延期',
  extend_decide: '审批延期',
  link_reply: '起草答复函',
  reply: '答复',
  satisfaction: '登记满意度',
  redo: '交办重新办理',
  close: '办结',
};
