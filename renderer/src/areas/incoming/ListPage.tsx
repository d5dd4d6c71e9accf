import { Alert, Card, Result, Tabs } from 'antd';
import { PageHeader } from '../../shared/PageHeader';
import { IncomingTable } from './IncomingTable';

/** 公文: the 收文 register; 发文 and the full document workflow are not built yet. */
export function DocumentsPage() {
  return (
    <div>
      <PageHeader title="公文" />
      <Card>
        <Tabs
          items={[
            {
              key: 'incoming',
              label: '收文',
              children: (
                <>
                  <Alert
                    type="info"
                    showIcon
                    title="目前提供收文查阅。收文登记、分办、传阅、签收等流转功能建设中,将在后续版本提供。"
                    style={{ marginBottom: 16 }}
                  />
                  <IncomingTable />
                </>
              ),
            },
            {
              key: 'outgoing',
              label: '发文',
              children: <Result status="info" title="发文功能建设中" subTitle="拟稿、核稿、会签、签发、用印等发文流程将在后续版本提供。" />,
            },
          ]}
        />
      </Card>
    </div>
  );
}
