import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Table, Typography } from 'antd';
import type { ChildRow, SupervisionDetail } from '../../../../../core/ipc/supervision';
import { buildHash } from '../../../router/hash';
import { dateOrDash, joinUnits } from '../../../shared/format';
import { StatusTags } from '../columns';
import { LightTag } from '../LightTag';

/**
 * 分解: the sub-tasks of an item, or the items of a 立项, with their lights. The parent's progress
 * is the average of these (rolled up).
 */
export function ChildrenCard({ detail, canDecompose, onDecompose }: { detail: SupervisionDetail; canDecompose: boolean; onDecompose: () => void }) {
  const project = detail.level === 'project';
  if (!project && detail.children.length === 0 && !canDecompose) return null;
  return (
    <Card
      title={project ? `督办事项(${detail.children.length})` : `分解任务(${detail.children.length})`}
      extra={
        canDecompose && !project ? (
          <Button icon={<PlusOutlined />} onClick={onDecompose} data-testid="decompose-button">
            分解
          </Button>
        ) : null
      }
      style={{ marginBottom: 16 }}
    >
      {detail.children.length === 0 ? (
        <Typography.Text type="secondary">尚未分解。分解后,本事项的进度按各子任务进度汇总。</Typography.Text>
      ) : (
        <Table<ChildRow>
          rowKey="id"
          size="small"
          dataSource={detail.children}
          pagination={detail.children.length > 20 ? { pageSize: 20 } : false}
          columns={[
            { title: '编号', dataIndex: 'code', key: 'code', width: 80, render: (c: string) => c || '—' },
            { title: '事项', dataIndex: 'title', key: 'title', render: (t: string, r) => <Typography.Link href={buildHash(['supervision', r.id])}>{t}</Typography.Link> },
            { title: '牵头单位', key: 'lead', width: 180, render: (_: unknown, r) => joinUnits(r.lead) },
            { title: '完成时限', dataIndex: 'deadline', key: 'deadline', width: 105, render: dateOrDash },
            { title: '亮灯', key: 'light', width: 90, render: (_: unknown, r) => <LightTag light={r.light} reasons={r.lightReasons} /> },
            { title: '进度', dataIndex: 'progress', key: 'progress', width: 120, render: (p: number) => <Progress percent={p} size="small" /> },
            { title: '状态', key: 'status', width: 100, render: (_: unknown, r) => <StatusTags row={{ status: r.status, conflict: false }} /> },
          ]}
        />
      )}
    </Card>
  );
}
