import { Alert, Button, Card, DatePicker, Flex, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { navigate } from '../../router/useRoute';
import { outgoingHref } from '../incoming/links';
import { downloadBase64 } from '../../shared/download';
import { useSession } from '../settings/sessionStore';

const ISO = 'YYYY-MM-DD';

/**
 * 通报: a period, then 生成通报 stores it as a 公文 record (kind 通报) and opens it under 公文 → 发文;
 * 导出PDF/导出Word still export the period's 通报 directly, without storing it.
 */
export function BriefingCard({ today }: { today: string }) {
  const end = dayjs(today);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([end.startOf('month'), end]);
  const [busy, setBusy] = useState<'pdf' | 'docx' | 'generate' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);
  // 通报 are issued by the 督查室 (or for a leader); a unit's contact can export but not issue one.
  const mayIssue = useSession().info?.current.role !== 'unit_staff';

  const exportAs = async (format: 'pdf' | 'docx') => {
    setBusy(format);
    setError(null);
    const result = await api.dashboard.exportBriefing({ from: range[0].format(ISO), to: range[1].format(ISO), format });
    setBusy(null);
    if (!result.ok) setError(result.error);
    else downloadBase64(result.value.base64, result.value.mime, result.value.fileName);
  };

  const generate = async () => {
    setBusy('generate');
    setError(null);
    const result = await api.dashboard.generateBriefing({ from: range[0].format(ISO), to: range[1].format(ISO) });
    setBusy(null);
    if (!result.ok) setError(result.error);
    else navigate(outgoingHref(result.value.id));
  };

  return (
    <Card title="督查通报" size="small" data-testid="briefing-card">
      <Flex gap={12} align="center" wrap>
        <Typography.Text>通报期间</Typography.Text>
        <DatePicker.RangePicker
          data-testid="briefing-range"
          value={range}
          allowClear={false}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0], v[1]]);
          }}
        />
        <Button type="primary" data-testid="briefing-generate" loading={busy === 'generate'} disabled={!mayIssue} title={mayIssue ? undefined : '通报由督查室生成'} onClick={() => void generate()}>
          生成通报
        </Button>
        <Button data-testid="briefing-pdf" loading={busy === 'pdf'} onClick={() => void exportAs('pdf')}>
          导出PDF
        </Button>
        <Button data-testid="briefing-docx" loading={busy === 'docx'} onClick={() => void exportAs('docx')}>
          导出Word
        </Button>
        <Typography.Text type="secondary">含总体进展、本期办结、超期事项(按单位)和需协调事项,按 GB/T 9704 版式排版</Typography.Text>
      </Flex>
      {error ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={`操作失败:${error.message}`} /> : null}
    </Card>
  );
}
