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
  FORBIDDEN: '无权进行此操作',
  NOT_FOUND: '未找到该记录',
  CONFLICT: '操作冲突',
  UNKNOWN_METHOD: '本地服务不支持该操作',
  STORE_CORRUPT: '本地数据损坏',
  STORE_LOCKED: '本地数据被占用',
  STORE_UNAVAILABLE: '本地数据不可用',
  TRANSPORT: '本地服务异常',
  INTERNAL: '本地服务内部错误',
  WRONG_PIN: 'PIN 码错误',
  PIN_LOCKED: 'PIN 码已锁定',
  PIN_REQUIRED: '请输入 PIN 码',
  NOT_LOGGED_IN: '请先登录密码设备',
  KEY_NOT_FOUND: '未找到签名密钥',
  KEYSTORE_CORRUPT: '密钥文件损坏',
  CERT_INVALID: '证书无效',
  CERT_UNTRUSTED: '证书不受信任',
  CERT_EXPIRED: '证书已过期',
  CERT_REVOKED: '证书已吊销',
  UNSUPPORTED: '密码设备不支持该操作',
  DECRYPT_FAILED: '解密失败',
  DEVICE_ERROR: '密码设备异常',
};
export const errorTitle = (code: ErrorCode): string => ERROR_TITLE[code];
