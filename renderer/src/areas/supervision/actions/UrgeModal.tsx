import { Form, Input, Radio, Select, Typography } from 'antd';
import { useState } from 'react';
import type { SupervisionDetail } from '../../../../../core/ipc/supervision';
import type { UrgeLevel } from '../../../../../core/supervision/events';
import { replyByFor, URGE_LEVEL_LABEL, urgeNoticeText } from '../../../../../core/supervision/notice';
import { ActionModal } from './ActionModal';
import type { ActionProps } from './types';
import { useAct } from './useAct';

/** Units that are behind (签收 or report overdue), else every unit that can act. */
function defaultUnits(d: SupervisionDetail): string[] {
  const active = d.assignments.filter((a) => !a.group);
  const behind = active.filter((a) => a.acknowledgeOverdue || a.reportOverdue);
  return (behind.length ? behind : active.filter((a) => a.role === 'lead').length ? active.filter((a) => a.role === 'lead') : active).map(
    (a) => a.unit,
  );
}

/** The notice text for the chosen level and units, from the item's light on the host's today. */
export function draftNotice(d: SupervisionDetail, level: UrgeLevel, units: readonly string[], issuer: string): string {
  return urgeNoticeText({
    level,
    units,
    code: d.code,
    title: d.title,
    sourceDocNumber: d.source?.docNumber ?? null,
    sourceTitle: d.source?.title ?? null,
    deadline: d.lightView.deadline,
    today: d.today,
    reasons: d.lightView.reasons.filter((r) => r !== '未设完成时限'),
    issuer,
    replyBy: replyByFor(d.today),
  });
}

/** 催办: a notice to chosen units at an escalation level, its text generated and editable. */
export function UrgeModal({ detail, open, onClose, onDone, issuer }: ActionProps & { issuer: string }) {
  const { run, busy, error, clearError } = useAct(detail, onDone);
  const [level, setLevel] = useState<UrgeLevel>(detail.lightView.escalation ?? 'blue');
  const [units, setUnits] = useState<string[]>(() => defaultUnits(detail));
  const [text, setText] = useState(() => draftNotice(detail, level, units, issuer));
  // The text follows level and units until the user edits it.
  const [edited, setEdited] = useState(false);
  const regenerate = (l: UrgeLevel, u: string[]) => {
    if (!edited) setText(draftNotice(detail, l, u, issuer));
  };
  const submit = async () => {
    if (await run({ type: 'urge', units, level, text }, '催办通知已发出')) onClose();
  };
  return (
    <ActionModal
      title="催办"
      okText="发出催办"
      open={open}
      busy={busy}
      error={error}
      width={760}
      onOk={() => void submit()}
      onCancel={() => {
        clearError();
        onClose();
      }}
    >
      <Form layout="vertical" data-testid="urge-form">
        <Form.Item label="催办单位" required>
          <Select
            mode="multiple"
            value={units}
            onChange={(u: string[]) => {
              setUnits(u);
              regenerate(level, u);
            }}
            options={detail.assignments.map((a) => ({ value: a.unit, label: a.unit }))}
          />
        </Form.Item>
        <Form.Item label="督办等级" extra="蓝色:临近时限提示;黄色:进度滞后警示;红色:已超期,发督查单">
          <Radio.Group
            value={level}
            onChange={(e) => {
              setLevel(e.target.value as UrgeLevel);
              regenerate(e.target.value as UrgeLevel, units);
            }}
            options={(['blue', 'yellow', 'red'] as const).map((l) => ({ value: l, label: URGE_LEVEL_LABEL[l] }))}
          />
        </Form.Item>
        <Form.Item label="通知内容" required>
          <Input.TextArea
            data-testid="urge-text"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setEdited(true);
            }}
            autoSize={{ minRows: 8, maxRows: 16 }}
            maxLength={20000}
          />
        </Form.Item>
        {edited ? (
          <Typography.Link
            onClick={() => {
              setEdited(false);
              setText(draftNotice(detail, level, units, issuer));
            }}
          >
            恢复自动生成的内容
          </Typography.Link>
        ) : null}
      </Form>
    </ActionModal>
  );
}
