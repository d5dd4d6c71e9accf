import { Card, Flex, Tabs } from 'antd';
import { buildHash } from '../../router/hash';
import { navigate } from '../../router/useRoute';
import { PageHeader } from '../../shared/PageHeader';
import { DraftButton } from './DraftButton';
import { ExternalRegisterButton } from './ExternalRegisterButton';
import { IncomingTable } from './IncomingTable';
import { OutgoingTable } from './OutgoingTable';

/** 公文: the 收文 register (来文登记 for a 公文 from outside) and the 发文 drafted here, each with where it stands; 拟稿 starts a 发文 from a 文种 template. */
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
                  <Flex justify="end" style={{ marginBottom: 12 }}>
                    <ExternalRegisterButton />
                  </Flex>
                  <IncomingTable />
                </>
              ),
            },
            {
              key: 'outgoing',
              label: '发文',
              children: (
                <>
                  <Flex justify="end" style={{ marginBottom: 12 }}>
                    <DraftButton />
                  </Flex>
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
