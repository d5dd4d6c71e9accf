import { App, Button, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import type { SupervisionDetail } from '../../../../core/ipc/contract';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';

const ACTIONS = {
  in_progress: { type: 'complete', label: '办结', done: '已办结', noteLabel: '办结说明' },
  completed: { type: 'reopen', label: '重新办理', done: '已重新办理', noteLabel: '重新办理原因' },
} as const;

/**
 * 办结 / 重新办理. The transition names the state it was based on (`basis: detail.head`),
 * so a concurrent transition by someone else comes back as a conflict instead of being lost.
 */
export function TransitionButton({ detail, onDone }: { detail: SupervisionDetail; onDone: (d: SupervisionDetail) => void }) {
  const action = ACTIONS[detail.status];
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const { message } = App.useApp();

  const run = async () => {
    setBusy(true);
    setError(null);
    const result = await api.supervision.transition({ id: detail.id, type: action.type, basis: detail.head, note: note.trim() });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      message.error(result.error.message);
      return;
    }
    message.success(action.done);
    setOpen(false);
    setNote('');
    onDone(result.value);
  };

  return (
    <>
      <Button type={detail.status === 'in_progress' ? 'primary' : 'default'} onClick={() => setOpen(true)} data-testid="transition-button">
        {action.label}
      </Button>
      <Modal
        title={`${action.label}:${detail.title}`}
        open={open}
        okText={`确认${action.label}`}
        confirmLoading={busy}
        onOk={run}
        onCancel={() => {
          setOpen(false);
          setError(null);
        }}
      >
        <ErrorAlert error={error} />
        <Typography.Paragraph type="secondary">{action.noteLabel}(可不填):</Typography.Paragraph>
        <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} autoSize={{ minRows: 3, maxRows: 8 }} />
      </Modal>
    </>
  );
}
