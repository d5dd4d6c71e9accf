import { Button, Card, List, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { SupervisionDetail } from '../../../../../core/ipc/supervision';
import { formatTime } from '../../../shared/format';
import { ExtensionDecisionModal } from '../actions/ExtensionModals';
import { AttachmentLinks } from '../attachments/AttachmentLinks';

/** 延期申请 and 办结申请 with their decisions. */
export function RequestLists({ detail, onDone }: { detail: SupervisionDetail; onDone: (d: SupervisionDetail) => void }) {
  const [deciding, setDeciding] = useState<string | null>(null);
  const canDecide = detail.actions.includes('extension_decision');
  return (
    <>
      {detail.extensions.length ? (
        <Card title="延期申请" style={{ marginBottom: 16 }}>
          <List
            dataSource={detail.extensions}
            renderItem={(e) => (
              <List.Item
                key={e.eventId}
                data-testid="extension-entry"
                actions={
                  canDecide && !e.decision
                    ? [
                        <Button key="decide" size="small" type="primary" onClick={() => setDeciding(e.eventId)} data-testid="decide-extension">
                          审批
                        </Button>,
                      ]
                    : []
                }
              >
                <div>
                  <Typography.Text>
                    {e.unit}申请延期至 <b>{e.deadline}</b>({formatTime(e.at)},{e.by.name}):{e.reason}
                  </Typography.Text>
                  <div>
                    {e.decision ? (
                      <Tag color={e.decision.approve ? 'success' : 'error'}>
                        {e.decision.approve ? `已批准,延期至 ${e.decision.deadline}` : '不予延期'}
                        {e.decision.opinion ? `:${e.decision.opinion}` : ''}
                      </Tag>
                    ) : (
                      <Tag color="processing">待审批(审批前仍按原时限考核)</Tag>
                    )}
                  </div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {detail.completions.length ? (
        <Card title="办结申请" style={{ marginBottom: 16 }}>
          <List
            dataSource={detail.completions}
            renderItem={(c) => (
              <List.Item key={c.eventId} data-testid="completion-entry">
                <div>
                  <Typography.Text>
                    {c.unit}({c.by.name},{formatTime(c.at)}):<span className="xt-plain-text">{c.summary}</span>
                  </Typography.Text>
                  <AttachmentLinks items={c.attachments} label="佐证材料" />
                  <div>
                    {c.review ? (
                      <Tag color={c.review.accept ? 'success' : 'error'}>
                        {c.review.accept ? '审核通过' : '已退回'}
                        {c.review.opinion ? `:${c.review.opinion}` : ''}
                      </Tag>
                    ) : (
                      <Tag color="purple">待审核</Tag>
                    )}
                  </div>
                </div>
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {deciding ? <ExtensionDecisionModal detail={detail} open requestId={deciding} onClose={() => setDeciding(null)} onDone={onDone} /> : null}
    </>
  );
}
