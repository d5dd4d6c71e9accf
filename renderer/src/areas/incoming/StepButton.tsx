import { Button, Form, Input, Modal } from 'antd';
import { useState, type ReactNode } from 'react';
import type { AppErrorShape, Result } from '../../../../core/result';
import { ErrorAlert } from '../../shared/ErrorAlert';

/**
 * One workflow step as a button; with `form`, a dialog asks for its fields (意见, 原因 …) first.
 * The step's answer replaces the page's data; a refusal is shown in the dialog (or beside the
 * button) with the service's message.
 */
export function StepButton<V extends Record<string, unknown>>({
  label,
  testId,
  primary,
  danger,
  form,
  title,
  run,
}: {
  label: string;
  testId: string;
  primary?: boolean;
  danger?: boolean;
  form?: ReactNode;
  title?: string;
  run: (values: V) => Promise<Result<unknown>>;
}) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [formRef] = Form.useForm<V>();
  const submit = async (values: V) => {
    setBusy(true);
    setError(null);
    const result = await run(values);
    setBusy(false);
    if (!result.ok) setError(result.error);
    else setOpen(false);
  };
  return (
    <>
      <Button type={primary ? 'primary' : 'default'} danger={danger ?? false} loading={busy && !open} data-testid={testId} onClick={() => (form ? setOpen(true) : void submit({} as V))}>
        {label}
      </Button>
      {!form && error ? <ErrorAlert error={error} /> : null}
      {form ? (
        <Modal open={open} title={title ?? label} okText="确定" cancelText="取消" confirmLoading={busy} onCancel={() => setOpen(false)} onOk={() => formRef.submit()} destroyOnHidden>
          <ErrorAlert error={error} />
          <Form<V> form={formRef} layout="vertical" onFinish={(v) => void submit(v)} data-testid={`${testId}-form`}>
            {form}
          </Form>
        </Modal>
      ) : null}
    </>
  );
}

/** The usual 意见 field. */
export const OpinionField = ({ label = '意见', required = false }: { label?: string; required?: boolean }) => (
  <Form.Item name="opinion" label={label} rules={required ? [{ required: true, message: `请填写${label}` }] : []}>
    <Input.TextArea rows={3} data-testid="step-opinion" />
  </Form.Item>
);
