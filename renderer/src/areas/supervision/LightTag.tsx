import { Flex, Tag, Tooltip, Typography } from 'antd';
import type { Light } from '../../../../core/supervision/model';
import { LIGHT_COLOR, lightLabel } from './labels';

/** 亮灯 as a coloured tag; the reasons show on hover (list) or beside it (detail). */
export function LightTag({ light, reasons, inline = false }: { light: Light; reasons: readonly string[]; inline?: boolean }) {
  const tag = (
    <Tag color={LIGHT_COLOR[light]} data-testid="light-tag" data-light={light} style={{ marginInlineEnd: 0 }}>
      <span className={`xt-light-dot xt-light-${light}`} />
      {lightLabel(light)}
    </Tag>
  );
  if (!inline) return reasons.length ? <Tooltip title={reasons.join(';')}>{tag}</Tooltip> : tag;
  return (
    <Flex gap={8} align="center" wrap>
      {tag}
      <Typography.Text type={light === 'red' ? 'danger' : light === 'yellow' ? 'warning' : 'secondary'} data-testid="light-reasons">
        {reasons.join(';')}
      </Typography.Text>
    </Flex>
  );
}
