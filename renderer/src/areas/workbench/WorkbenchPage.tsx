import { Card, Col, Row } from 'antd';
import { PageHeader } from '../../shared/PageHeader';
import { IncomingTable } from '../incoming/IncomingTable';
import { Inbox } from './Inbox';
import { RecentItems } from './RecentItems';
import { SummaryCards } from './SummaryCards';

/** 工作台: the day's overview and the current identity's 待办/已办. */
export function WorkbenchPage() {
  return (
    <div>
      <PageHeader title="工作台" />
      <SummaryCards />
      <div style={{ marginTop: 16 }}>
        <Inbox />
      </div>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card title="收文" extra={<a href="#/documents">全部收文</a>} style={{ marginBottom: 16 }}>
            <IncomingTable compact />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <RecentItems />
        </Col>
      </Row>
    </div>
  );
}
