import { describe, expect, it } from 'vitest';
import { DocKind, UPWARD_KINDS } from './model';
import { DOC_TEMPLATES } from './templates';

describe('拟稿 templates', () => {
  it('one per 文种, each with a title naming it and a body outline', () => {
    expect(Object.keys(DOC_TEMPLATES).sort()).toEqual([...DocKind.options].sort());
    for (const kind of DocKind.options) {
      const tpl = DOC_TEMPLATES[kind];
      expect(tpl.docKind).toBe(kind);
      expect(tpl.body.length, kind).toBeGreaterThan(0);
      expect(tpl.title.length, kind).toBeGreaterThan(2);
    }
  });
  it('上行文 (请示, 报告) go up to one superior and are not published by default', () => {
    for (const kind of UPWARD_KINDS) {
      expect(DOC_TEMPLATES[kind].mainRecipients).toHaveLength(1);
      expect(DOC_TEMPLATES[kind].publicity).toBe('不予公开');
    }
    expect(DOC_TEMPLATES.请示.body.at(-1)).toBe('妥否,请批示。');
  });
});
