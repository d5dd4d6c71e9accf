import { describe, expect, it } from 'vitest';
import { snippetParts } from './snippet';

describe('snippetParts', () => {
  it('keeps hits apart from plain text', () => {
    expect(
      snippetParts([
        { text: '推进政务服务“', hit: false },
        { text: '一网通办', hit: true },
        { text: '”', hit: false },
      ]),
    ).toEqual([
      { key: 0, text: '推进政务服务“', hit: false },
      { key: 1, text: '一网通办', hit: true },
      { key: 2, text: '”', hit: false },
    ]);
  });

  it('merges neighbours, drops empty segments and flattens line breaks', () => {
    expect(
      snippetParts([
        { text: '', hit: true },
        { text: '建设全市统一的\n', hit: false },
        { text: '政务', hit: true },
        { text: '服务', hit: true },
        { text: '', hit: false },
        { text: '管理平台', hit: false },
      ]),
    ).toEqual([
      { key: 0, text: '建设全市统一的 ', hit: false },
      { key: 1, text: '政务服务', hit: true },
      { key: 2, text: '管理平台', hit: false },
    ]);
  });

  it('returns nothing for an empty snippet', () => {
    expect(snippetParts([])).toEqual([]);
  });
});
