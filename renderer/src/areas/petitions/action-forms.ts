/** The form of each workflow action (its payload fields), in the order the buttons show. */
export interface ActionField {
  name: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'number' | 'select';
  options?: string[];
}

export const ACTION_FORMS: ReadonlyArray<{ type: string; label: string; fields: ActionField[] }> = [
  { type: 'accept', label: '受理', fields: [] },
  { type: 'refuse', label: '不予受理', fields: [{ name: 'reason', label: '不予受理理由', kind: 'textarea' }] },
  { type: 'extend_request', label: '申请延期', fields: [{ name: 'days', label: '延长天数(最多30日)', kind: 'number' }, { name: 'reason', label: '延期理由', kind: 'textarea' }] },
  { type: 'extend_approve', label: '批准延期', fields: [{ name: 'until', label: '延至', kind: 'date' }, { name: 'toldPetitioner', label: '告知信访人的延期理由', kind: 'textarea' }] },
  { type: 'reply', label: '答复', fields: [{ name: 'summary', label: '答复意见', kind: 'textarea' }] },
  { type: 'review_request', label: '登记复查申请', fields: [{ name: 'receivedOn', label: '收到复查请求日期', kind: 'date' }, { name: 'reason', label: '复查理由', kind: 'textarea' }] },
  { type: 'review_decide', label: '复查决定', fields: [{ name: 'result', label: '复查结论', kind: 'select', options: ['维持', '变更', '撤销'] }, { name: 'summary', label: '复查意见', kind: 'textarea' }] },
  { type: 'recheck_request', label: '登记复核申请', fields: [{ name: 'receivedOn', label: '收到复核请求日期', kind: 'date' }, { name: 'reason', label: '复核理由', kind: 'textarea' }] },
  { type: 'recheck_hearing', label: '登记听证', fields: [{ name: 'from', label: '听证开始', kind: 'date' }, { name: 'to', label: '听证结束', kind: 'date' }] },
  { type: 'recheck_decide', label: '复核决定', fields: [{ name: 'result', label: '复核结论', kind: 'select', options: ['维持', '变更', '撤销'] }, { name: 'summary', label: '复核意见', kind: 'textarea' }] },
  { type: 'visit', label: '回访', fields: [{ name: 'satisfaction', label: '满意度', kind: 'select', options: ['满意', '基本满意', '不满意'] }, { name: 'note', label: '回访情况', kind: 'textarea' }] },
  { type: 'close', label: '办结', fields: [{ name: 'note', label: '办结说明', kind: 'textarea' }] },
];
