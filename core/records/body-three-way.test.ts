import { describe, expect, it } from 'vitest';
import { mergeBodyText } from './body-three-way';

describe('mergeBodyText: a form saved over a newer 正文', () => {
  it('keeps both edits of different paragraphs', () => {
    const base = '一、工作目标\n建成城市运行管理中心。\n二、工作措施\n统筹推进。';
    const theirs = '一、工作目标\n建成城市运行管理中心,实现一网统管。\n二、工作措施\n统筹推进。';
    const mine = '一、工作目标\n建成城市运行管理中心。\n二、工作措施\n统筹推进,按月调度。';
    expect(mergeBodyText(base, theirs, mine)).toBe('一、工作目标\n建成城市运行管理中心,实现一网统管。\n二、工作措施\n统筹推进,按月调度。');
  });

  it('keeps both insertions within one paragraph', () => {
    const merged = mergeBodyText('统筹推进。', '全面统筹推进。', '统筹推进,按月调度。');
    expect(merged).toContain('全面');
    expect(merged).toContain('按月调度');
  });

  it('is the other side when only one side changed', () => {
    expect(mergeBodyText('甲', '甲', '乙')).toBe('乙');
    expect(mergeBodyText('甲', '乙', '甲')).toBe('乙');
    expect(mergeBodyText('甲', '乙', '乙')).toBe('乙');
  });
});
