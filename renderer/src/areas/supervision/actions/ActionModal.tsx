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
  width?: number;
  children: ReactNode;
}

/** The frame of every action dialog: errors stay inside it, so nothing typed is lost. */
export function ActionModal({ title, okText, open, busy, error, onOk, onCancel, width = 640, children }: Props) {
  return (
    <Modal title={title} open={open} okText={okText} confirmLoading={busy} onOk={onOk} onCancel={onCancel} width={width} destroyOnHidden>
      <ErrorAlert error={error} />
      {children}
    </Modal>
  );
}
