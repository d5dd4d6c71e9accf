import { Modal } from 'antd';
import type { ReactNode } from 'react';
import type { AppErrorShape } from '../../../../../core/result';
import { ErrorAlert } from '../../../shared/ErrorAlert';

interface Props {
  title: string;
  okText: string;
  open: boolean;
  busy: boolean;
  error: AppErrorShape | null;
  onOk: () => void;
  onCancel: () => void;
  /** The OK button is greyed out (e.g. an attachment is still uploading). */
  okDisabled?: boolean;
  width?: number;
  children: ReactNode;
}

/** The frame of every action dialog: errors stay inside it, so nothing typed is lost. */
export function ActionModal({ title, okText, open, busy, error, onOk, onCancel, okDisabled = false, width = 640, children }: Props) {
  return (
    <Modal title={title} open={open} okText={okText} confirmLoading={busy} okButtonProps={{ disabled: okDisabled }} onOk={onOk} onCancel={onCancel} width={width} destroyOnHidden>
      <ErrorAlert error={error} />
      {children}
    </Modal>
  );
}
