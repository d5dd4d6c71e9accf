import { describe, expect, it } from 'vitest';
import { renderDocx } from './docx';
import { SEED_NOTICE } from './samples';
import { unzip } from './testing/unzip';

describe('DOCX rendering', () => {
  it('writes a Word file with the GB/T 9704 page, grid, fonts and elements', async () => {
    const docx = await renderDocx(SEED_NOTICE);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    const files = unzip(docx);
    const xml = files.get('word/document.xml') ?? '';
    expect(xml).toContain('厦门市人民政府办公厅关于');
    expect(xml).toContain('厦府办〔2022〕47号');
    expect(xml).toContain('厦门市人民政府办公厅文件');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    for (const [side, value] of [['top', 2098], ['right', 1474], ['bottom', 1984], ['left', 1587]] as const) {
      expect(xml).toMatch(new RegExp(`<w:pgMar[^>]*w:${side}="${value}"`));
    }
    // No character grid (readers snap to it differently); 3号 runs are tightened to the 28-character cell.
    expect(xml).toMatch(/<w:docGrid[^>]*w:type="default"[^>]*w:linePitch="579"/);
    expect(xml).not.toContain('linesAndChars');
    expect(xml).toMatch(/<w:spacing w:val="-5"\/><w:sz w:val="32"\/>/);
    expect(xml).toMatch(/w:eastAsia="仿宋"/);
    expect(xml).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(xml).not.toContain('仿宋_GB2312"/><w:');
    // Declared fallbacks for readers without the faces, and widow control off in every reader.
    const fonts = files.get('word/fontTable.xml') ?? '';
    expect(fonts).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="华文中宋"/><w:charset w:val="86"/>');
    expect(fonts).toContain('<w:font w:name="仿宋"><w:altName w:val="仿宋_GB2312"/>');
    expect(files.get('word/styles.xml')).toContain('<w:pPrDefault><w:pPr><w:widowControl w:val="0"/>');
    expect(xml).toContain('<w:color w:val="E60012"/>');
    // The red rule under the 发文字号 and the 版记's rules.
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="E60012"/);
    expect(xml).toContain('抄送：市委办公厅');
    expect(xml).toContain('2022年5月20日印发');
    expect(xml).toContain('<w:spacing w:line="579" w:lineRule="exact"');
    const styles = files.get('word/styles.xml') ?? '';
    expect(styles).toMatch(/<w:sz w:val="32"\/>/);
    expect(files.get('word/settings.xml')).toContain('<w:evenAndOddHeaders/>');
    const footers = [...files.entries()].filter(([name]) => /word\/footer\d+\.xml/.test(name)).map(([, x]) => x);
    expect(footers).toHaveLength(2);
    for (const f of footers) {
      expect(f).toContain('PAGE');
      expect(f).toContain('— ');
    }
  });

  it('starts the 版记 on a page of its own when it does not fit under the notice', async () => {
    const xml = unzip(await renderDocx(SEED_NOTICE)).get('word/document.xml') ?? '';
    expect(xml.split('<w:pageBreakBefore/>')).toHaveLength(2);
    expect(xml.indexOf('<w:pageBreakBefore/>')).toBeGreaterThan(xml.indexOf('此件主动公开'));
  });

  it('writes 签发人 for a 上行文', async () => {
    const xml = unzip(await renderDocx({ ...SEED_NOTICE, signers: ['张三', '李四', '王五'] })).get('word/document.xml') ?? '';
    expect(xml).toContain('签发人：');
    expect(xml).toContain('王五');
  });

  it('refuses an invalid document', async () => {
    await expect(renderDocx({ ...SEED_NOTICE, docNumber: '厦府办[2022]47号' })).rejects.toThrow(/六角括号/);
  });
});
