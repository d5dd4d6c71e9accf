import { describe, expect, it } from 'vitest';
import { compose, headingLevel, joinNames, titleLines, type FlowBlock } from './compose';
import { OfficialDocumentSchema, type OfficialDocumentInput } from './model';
import { SEED_NOTICE } from './samples';

const composed = (doc: Partial<OfficialDocumentInput> = {}) => compose(OfficialDocumentSchema.parse({ ...SEED_NOTICE, ...doc }));
const block = (flow: FlowBlock[], kind: FlowBlock['kind']): FlowBlock => {
  const found = flow.find((b) => b.kind === kind);
  if (!found) throw new Error(`no ${kind}`);
  return found;
};

describe('headings', () => {
  it('reads the level from the numbering', () => {
    expect(['一、总体要求', '（三）工作措施', '(三)工作措施', '12．建设平台', '（2）细化', '2022年工作'].map(headingLevel)).toEqual([1, 2, 2, 3, 4, 0]);
  });

  it('sets 一、 in 黑体 and （一） in 楷体 up to the first 。, the rest in 仿宋', () => {
    const { flow } = composed({ body: ['一、打造协同高效的数字政府', '（一）健全数据资源管理制度。加快推进立法。', '1．建设平台。实施工程。', { text: '一、不是标题', level: 0 }] });
    const paragraphs = flow.filter((b) => b.kind === 'paragraph').map((b) => b.runs);
    expect(paragraphs).toEqual([
      [{ text: '一、打造协同高效的数字政府', font: 'heiti' }],
      [
        { text: '（一）健全数据资源管理制度。', font: 'kaiti' },
        { text: '加快推进立法。', font: 'fangsong' },
      ],
      [{ text: '1．建设平台。实施工程。', font: 'fangsong' }],
      [{ text: '一、不是标题', font: 'fangsong' }],
    ]);
  });
});

describe('placement of the 主体', () => {
  it('breaks the title as given, or after 关于', () => {
    expect(titleLines('厦门市人民政府办公厅关于印发2022年数字厦门工作要点的通知')).toEqual(['厦门市人民政府办公厅关于', '印发2022年数字厦门工作要点的通知']);
    expect(titleLines('关于开展督查的通知')).toEqual(['关于开展督查的通知']);
    expect(titleLines('甲\n乙')).toEqual(['甲', '乙']);
  });

  it('ends 主送机关 with a full-width colon and 抄送 with a full stop', () => {
    expect(joinNames(['各区人民政府', '市直各委、办、局'], '：')).toBe('各区人民政府，市直各委、办、局：');
    expect(joinNames(['中央驻厦各机构；', '市监委'], '。')).toBe('中央驻厦各机构；市监委。');
    const comp = composed();
    expect(comp.banji?.groups.at(-1)).toBe(
      '抄送：市委办公厅，市委各部门，中央驻厦各机构、各人民团体；市人大常委会办公厅，市政协办公厅，市监委，市法院，市检察院。',
    );
    expect(comp.banji?.printDate).toBe('2022年5月20日印发');
  });

  it('sealed: 成文日期右空四字, 署名 centred on it, two blank lines above', () => {
    const { flow } = composed({ seal: true });
    const date = block(flow, 'date');
    const sig = block(flow, 'signature');
    expect(date.runs[0]?.text).toBe('2022年5月8日');
    // 2022年5月8日 is 6 cells (six half-width digits + 年月日); it ends 4 cells from the right.
    expect(date.firstIndent + 6).toBe(24);
    expect(sig.firstIndent + 10 / 2).toBe(date.firstIndent + 6 / 2);
    const i = flow.indexOf(sig);
    expect(flow.slice(i - 2, i).map((b) => b.kind)).toEqual(['blank', 'blank']);
  });

  it('unsealed: 署名右空二字, the date two characters further right (or 右空二字)', () => {
    const { flow } = composed({ seal: false });
    expect(block(flow, 'signature').firstIndent).toBe(28 - 2 - 10);
    expect(block(flow, 'date').firstIndent).toBe(28 - 2 - 10 + 2);
    // A short 署名: the date would pass 右空二字, so the date is set there and the 署名 moves left.
    const short = composed({ seal: false, issuer: '厦门市人民政府' });
    expect(block(short.flow, 'date').firstIndent).toBe(28 - 2 - 6);
    expect(block(short.flow, 'signature').firstIndent).toBe(28 - 2 - 6 - 2);
  });

  it('puts 附注 in parentheses, 附件说明 numbered with aligned names', () => {
    const { flow } = composed({ note: '（此件主动公开）', attachments: ['工作要点', '任务清单'] });
    expect(block(flow, 'note').runs[0]?.text).toBe('（此件主动公开）');
    const [first, second] = flow.filter((b) => b.kind === 'attachment');
    expect(first?.runs[0]?.text).toBe('附件：1．工作要点');
    expect(second?.runs[0]?.text).toBe('2．任务清单');
    expect(second?.firstIndent).toBe(5); // under the 1 of 1．
    expect(first?.restIndent).toBe(6.5); // under the first character of the name
  });
});
