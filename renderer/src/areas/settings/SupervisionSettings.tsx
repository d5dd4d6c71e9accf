import { App, Alert, Button, Card, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { MAX_WARN_WORKING_DAYS } from '../../../../core/ipc/dashboard';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { useQuery } from '../../shared/useQuery';

/**
 * 设置 → 督办设置: how many working days before the deadline an item turns yellow. Kept in this
 * profile (this machine's own view, not synced); the list, detail, 一屏通览, 通报 and reminders all
 * use it from the next request on.
 */
export function SupervisionSettings() {
  const { data, error, loading, reload, setData } = useQuery('dashboard.supervisionSettings', () => api.dashboard.supervisionSettings());
  // null: the field shows the saved value; else what the user typed (maybe emptied), not yet saved.
  const [draft, setDraft] = useState<{ days: number | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppErrorShape | null>(null);
  const { message } = App.useApp();

  const value = draft ? draft.days : (data?.warnWorkingDays ?? null);
  const changed = draft !== null && draft.days !== null && draft.days !== data?.warnWorkingDays;
  const save = async () => {
    if (value === null) return;
    setSaving(true);
    const result = await api.dashboard.setSupervisionSettings({ warnWorkingDays: value });
    setSaving(false);
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    setDraft(null);
    setData(result.value);
    message.success(`已保存:截止前 ${result.value.warnWorkingDays} 个工作日亮黄灯`);
  };

  return (
    <Card title="督办设置" loading={loading && !data} data-testid="supervision-settings">
      <ErrorAlert error={error ?? failure} onRetry={error ? reload : undefined} />
      {data?.notice ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title="督办设置需要重新保存" description={data.notice} data-testid="supervision-settings-notice" /> : null}
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        <Space size={8} align="center" wrap>
          <span>黄灯预警:截止前</span>
          <InputNumber
            data-testid="warn-working-days"
            aria-label="黄灯预警工作日数"
            min={0}
            max={MAX_WARN_WORKING_DAYS}
            precision={0}
            style={{ width: 88 }}
            value={value}
            onChange={(v) => setDraft({ days: typeof v === 'number' ? v : null })}
          />
          <span>个工作日</span>
          <Button type="primary" data-testid="save-supervision-settings" loading={saving} disabled={!changed} onClick={() => void save()}>
            保存
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {'距完成时限(已批准延期的,按延期后的时限)不超过上述工作日数的事项亮黄灯;签收、进展反馈或节点目标逾期的事项同样亮黄灯,超过完成时限亮红灯。' +
            '工作日按国务院办公厅公布的节假日安排计算:法定节假日不计入,调休上班日计入。设为 0 时,仅在签收、反馈或节点逾期时亮黄灯。' +
            `系统默认值为 ${data?.defaultWarnWorkingDays ?? '—'} 个工作日。本设置保存在本机,只影响本机的亮灯、一屏通览、通报和提醒。`}
        </Typography.Paragraph>
      </Space>
    </Card>
  );
}
