import type { UnitKind } from '../../../core/directory/model';
import type { ErrorCode } from '../../../core/result';
import { SUPERVISION_STATUS_LABEL, type SupervisionStatus } from '../../../core/supervision/model';

export const statusLabel = (status: SupervisionStatus): string => SUPERVISION_STATUS_LABEL[status];
export const statusColor = (status: SupervisionStatus): string => (status === 'completed' ? 'success' : 'processing');

const EVENT_LABEL: Record<string, string> = {
  create: '登记',
  created: '登记',
  import: '导入',
  imported: '导入',
  update: '修改',
  updated: '修改',
  edit: '修改',
  complete: '办结',
  reopen: '重新办理',
  urge: '催办',
  note: '填报进展',
};
/** 办理记录 label for a workflow event type; unknown types are shown as they are. */
export const eventLabel = (type: string): string => EVENT_LABEL[type] ?? type;

const UNIT_KIND_LABEL: Record<UnitKind, string> = { unit: '单位', district: '区', group: '部门组' };
export const unitKindLabel = (kind: UnitKind): string => UNIT_KIND_LABEL[kind];

const ERROR_TITLE: Record<ErrorCode, string> = {
  BAD_INPUT: '填写内容有误',
  NOT_FOUND: '未找到该记录',
  CONFLICT: '操作冲突',
  UNKNOWN_METHOD: '本地服务不支持该操作',
  STORE_CORRUPT: '本地数据损坏',
  STORE_LOCKED: '本地数据被占用',
  STORE_UNAVAILABLE: '本地数据不可用',
  TRANSPORT: '本地服务异常',
  INTERNAL: '本地服务内部错误',
};
export const errorTitle = (code: ErrorCode): string => ERROR_TITLE[code];
