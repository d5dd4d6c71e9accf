import { Alert, Button, Card, DatePicker, Flex, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { AppErrorShape } from '../../../../core/result';
import { api } from '../../bridge';
import { downloadBase64 } from './download';

const ISO = 'YYYY-MM-DD';

/** 通报: a period, then the GB/T 9704 document as PDF or DOCX (generated on demand, not stored). */
export function BriefingCard({ today }: { today: string }) {
  const end = dayjs(today);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([end.startOf('month'), end]);
  const [busy, setBusy] = useState<'pdf' | 'docx' | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const exportAs = async (format: 'pdf' | 'docx') => {
    setBusy(format);
    setError(null);
    const result = await api.dashboard.exportBriefing({ from: range[0].format(ISO), to: range[1].format(ISO), format });
    setBusy(null);
    if (!result.ok) setError(result.error);
    else downloadBase64(result.value.base64, result.value.mime, result.value.fileName);
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
        <Button type="primary" data-testid="briefing-pdf" loading={busy === 'pdf'} onClick={() => void exportAs('pdf')}>
          导出PDF
        </Button>
        <Button data-testid="briefing-docx" loading={busy === 'docx'} onClick={() => void exportAs('docx')}>
          导出Word
        </Button>
        <Typography.Text type="secondary">含总体进展、本期办结、超期事项(按单位)和需协调事项,按 GB/T 9704 版式排版</Typography.Text>
      </Flex>
      {error ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={`导出失败:${error.message}`} /> : null}
    </Card>
  );
}
