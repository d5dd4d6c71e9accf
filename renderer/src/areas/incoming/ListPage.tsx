import { Alert, Card, Tabs } from 'antd';
import { buildHash } from '../../router/hash';
import { navigate } from '../../router/useRoute';
import { PageHeader } from '../../shared/PageHeader';
import { IncomingTable } from './IncomingTable';
import { OutgoingTable } from './OutgoingTable';

/** 公文: the 收文 register and the 发文 records drafted here (the 通报 so far); the workflow comes later. */
export function DocumentsPage({ tab = 'incoming' }: { tab?: 'incoming' | 'outgoing' }) {
  return (
    <div>
      <PageHeader title="公文" />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => navigate(key === 'outgoing' ? buildHash(['documents', 'outgoing']) : buildHash(['documents']))}
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
              children: (
                <>
                  <Alert
                    type="info"
                    showIcon
                    title="目前提供督查通报的生成(一屏通览 → 生成通报)、查阅和导出。拟稿、核稿、会签、签发、用印等发文流程建设中。"
                    style={{ marginBottom: 16 }}
                  />
                  <OutgoingTable />
                </>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}
