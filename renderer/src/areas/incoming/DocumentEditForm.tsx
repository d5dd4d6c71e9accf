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
}

/**
 * The draft's header fields as a form (records.update: only what changed, CONFLICT when someone
 * changed the same field meanwhile). The 正文 is edited in the body editor below (修订 after 送审,
 * bodyMode `suggest`).
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
  };
  const save = async (v: EditValues) => {
    setBusy(true);
    setError(null);
    const patch = Object.fromEntries(Object.entries(v).filter(([k, value]) => JSON.stringify(value) !== JSON.stringify(initial[k as keyof EditValues])));
    const result = await api.records.update({ id: record.id, base: record.fields, patch });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else onSaved(result.value);
  };
  return (
    <Form<EditValues> layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} data-testid="document-edit-form" key={`${record.updatedAt}-${record.history.length}`}>
      <ErrorAlert error={error} />
      {bodyMode === 'suggest' ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title="已送审:正文在下方编辑器中以修订方式修改,由拟稿单位接受或拒绝" /> : null}
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
      <Button htmlType="submit" type="primary" loading={busy} data-testid="edit-save">
        保存
      </Button>
    </Form>
  );
}
