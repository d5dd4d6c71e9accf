import { Card, Col, Row } from 'antd';
import { PageHeader } from '../../shared/PageHeader';
import { IncomingTable } from '../incoming/IncomingTable';
import { RecentItems } from './RecentItems';
import { SummaryCards } from './SummaryCards';

/** 工作台: the day's overview. */
export function WorkbenchPage() {
  return (
    <div>
      <PageHeader title="工作台" />
      <SummaryCards />
      <Row gutter={16} style={{ marginTop: 16 }}>
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
