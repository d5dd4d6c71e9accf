import { Card } from 'antd';
import { IncomingTable } from './IncomingTable';

/** The 工作台's 收文 card: the latest entries of the register. */
export function IncomingCard() {
  return (
    <Card title="收文" extra={<a href="#/documents">全部收文</a>} style={{ marginBottom: 16 }}>
      <IncomingTable compact />
    </Card>
  );
}
