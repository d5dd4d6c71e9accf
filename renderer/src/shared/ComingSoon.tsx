import { Card, Result } from 'antd';

/** An honest placeholder for an area that has not been built yet. No sample data. */
export function ComingSoon({ title, detail }: { title: string; detail?: string }) {
  return (
    <Card>
      <Result status="info" title={`${title}功能建设中`} subTitle={detail ?? '将在后续版本提供。'} />
    </Card>
  );
}
