import { Alert, Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import type { RecordDetail } from '../../../../core/ipc/records';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';

interface EditValues {
  title: string;
  issuerCode: string;
  mainRecipients: string[];
  ccRecipients: string[];
  body: string;
}

/**
 * The draft's fields and 正文 as a form (records.update: only what changed, CONFLICT when someone
 * changed the same field meanwhile). After 拟稿 the body is in 修订 mode (bodyMode `suggest`): the
 * co-editing editor shows the changes; here the note says so.
 */
export function DocumentEditForm({ record, bodyMode, onSaved }: { record: RecordDetail; bodyMode: 'free' | 'suggest'; onSaved: (r: RecordDetail) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const f = record.fields as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const initial: EditValues = {
    title: String(f.title ?? ''),
    issuerCode: String(f.issuerCode ?? ''),
    mainRecipients: list(f.mainRecipients),
    ccRecipients: list(f.ccRecipients),
    body: record.body,
  };
  const save = async (v: EditValues) => {
    setBusy(true);
    setError(null);
    const { body, ...fields } = v;
    const patch = Object.fromEntries(Object.entries(fields).filter(([k, value]) => JSON.stringify(value) !== JSON.stringify(initial[k as keyof EditValues])));
    const result = await api.records.update({ id: record.id, base: record.fields, patch, ...(body !== record.body ? { body } : {}) });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else onSaved(result.value);
  };
  return (
    <Form<EditValues> layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="document-edit-form" key={`${record.updatedAt}-${record.history.length}`}>
      <ErrorAlert error={error} />
      {bodyMode === 'suggest' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title="核稿阶段:正文修改以修订方式记录,拟稿人可在修订记录中查看" /> : null}
      <Form.Item name="title" label="标题" rules={[{ required: true, message: '请填写标题' }]}>
        <Input data-testid="edit-title" />
      </Form.Item>
      <Form.Item name="issuerCode" label="机关代字">
        <Input data-testid="edit-issuer-code" />
      </Form.Item>
      <Form.Item name="mainRecipients" label="主送">
        <Select mode="tags" data-testid="edit-main" tokenSeparators={['、', ',', ',']} />
      </Form.Item>
      <Form.Item name="ccRecipients" label="抄送">
        <Select mode="tags" data-testid="edit-cc" tokenSeparators={['、', ',', ',']} />
      </Form.Item>
      <Form.Item name="body" label="正文">
        <Input.TextArea rows={10} data-testid="edit-body" />
      </Form.Item>
      <Button htmlType="submit" type="primary" loading={busy} data-testid="edit-save">
        保存
      </Button>
    </Form>
  );
}
