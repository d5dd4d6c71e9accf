import { Button, Card, Empty, Flex, List, Progress, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { SupervisionDetail } from '../../../../../core/ipc/supervision';
import { actorLabel } from '../../../../../core/supervision/actor';
import { formatTime } from '../../../shared/format';
import { ReturnReportModal } from '../actions/UnitJudgementModals';
import { AttachmentLinks } from '../attachments/AttachmentLinks';

/** 进展反馈记录, newest first; the 督查室 can return a report with an opinion. */
export function ReportList({ detail, onDone }: { detail: SupervisionDetail; onDone: (d: SupervisionDetail) => void }) {
  const [returning, setReturning] = useState<string | null>(null);
  const canReturn = detail.actions.includes('report_return');
  if (detail.assignments.length === 0) return null;
  const reports = [...detail.reports].reverse();
  return (
    <Card title={`进展反馈(${reports.length})`} style={{ marginBottom: 16 }}>
      {reports.length === 0 ? (
        <Empty description="各单位尚未报送进展" image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <List
          data-testid="report-list"
          dataSource={reports}
          renderItem={(r) => (
            <List.Item
              key={r.eventId}
              data-testid="report-entry"
              actions={
                canReturn && !r.returned
                  ? [
                      <Button key="return" size="small" onClick={() => setReturning(r.eventId)} data-testid="return-report">
                        退回
                      </Button>,
                    ]
                  : []
              }
            >
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{r.unit}</Typography.Text>
                  <Progress percent={r.percent} size="small" style={{ width: 160 }} />
                  <Typography.Text type="secondary">
                    {actorLabel(r.by)} · {formatTime(r.at)}
                  </Typography.Text>
                  {r.returned ? <Tag color="error">已退回</Tag> : null}
                </Flex>
                <div className="xt-plain-text">{r.text}</div>
                <AttachmentLinks items={r.attachments} />
                {r.returned ? (
                  <Typography.Text type="danger">
                    退回意见({r.returned.by.name},{formatTime(r.returned.at)}):{r.returned.opinion}
                  </Typography.Text>
                ) : null}
              </Flex>
            </List.Item>
          )}
        />
      )}
      {returning ? <ReturnReportModal detail={detail} open reportId={returning} onClose={() => setReturning(null)} onDone={onDone} /> : null}
    </Card>
  );
}
