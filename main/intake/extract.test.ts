import fs from 'node:fs';
import path from 'node:path';
import { AlignmentType, Document, Packer, Paragraph, TabStopType, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { SEED_INTAKE_FIELDS } from '../../core/intake/testing/seed-fields';
import { renderDocx, renderPdf, validateOfficialDocument } from '../layout';
import { SEED_NOTICE } from '../layout/samples';
import { writeZip } from '../zip/write';
import { extractIntake, sniffFormat } from './extract';

const SEED = fs.readFileSync(path.join(__dirname, '../../seeds/xiamen-2022-digital-work-points.txt'));

const SEED_FIELDS = SEED_INTAKE_FIELDS;

const notice = () => {
  const r = validateOfficialDocument(SEED_NOTICE);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('收文 intake from files', () => {
  it('the seed text file: every field found', async () => {
    const r = await extractIntake(SEED);
    expect(r.format).toBe('text');
    expect(r.missing).toEqual([]);
    expect(r.fields).toEqual(SEED_FIELDS);
  });

  it('a PDF made by our layout module round-trips its header and 版记', async () => {
    const r = await extractIntake(await renderPdf(notice()));
    expect(r.format).toBe('pdf');
    expect(r.missing).toEqual([]);
    expect(r.fields).toEqual(SEED_FIELDS);
    expect(r.text).toContain('已经市政府研究同意');
  });

  it('a 上行文 PDF: 签发人 beside the 发文字号 is not taken into the number or the title', async () => {
    const doc = { ...notice(), docNumber: '厦工信〔2023〕12号', signers: ['陈志强', '李明', '王五'], title: '厦门市工业和信息化局关于申请专项资金的请示', mainRecipients: ['市人民政府'], issuerMark: '厦门市工业和信息化局文件', issuer: '厦门市工业和信息化局' };
    const r = await extractIntake(await renderPdf(doc));
    expect(r.fields).toMatchObject({ docNumber: '厦工信〔2023〕12号', title: '厦门市工业和信息化局关于申请专项资金的请示', mainRecipients: ['市人民政府'], issuer: '厦门市工业和信息化局' });
  });

  it('the DOCX our layout module writes round-trips', async () => {
    const r = await extractIntake(await renderDocx(notice()));
    expect(r.format).toBe('docx');
    expect(r.missing).toEqual([]);
    expect(r.fields).toEqual(SEED_FIELDS);
  });

  it('a DOCX written by the docx package with a hand-typed header: [] normalised, Chinese-numeral date, 版记 as separate paragraphs', async () => {
    const p = (text: string, opts: { center?: boolean; right?: boolean } = {}) =>
      new Paragraph({ alignment: opts.center ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT, children: [new TextRun({ text, font: '仿宋_GB2312', size: 32 })] });
    const docx = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: '厦门市思明区人民政府办公室文件', color: 'E60012', size: 88, font: '方正小标宋简体' })] }),
              p(''),
              new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: 8800 }], children: [new TextRun('思政办[2023]106号'), new TextRun('\t签发人：黄晓')] }),
              p(''),
              p('厦门市思明区人民政府办公室', { center: true }),
              p('关于做好2024年元旦春节期间值班工作的通知', { center: true }),
              p(''),
              p('各街道办事处，区直各部门：'),
              p('    元旦、春节将至，为确保节日期间各项工作正常运转，现就有关事项通知如下。'),
              p('    一、严格落实值班制度。'),
              p('厦门市思明区人民政府办公室', { right: true }),
              p('二〇二三年十二月二十日', { right: true }),
              p('（此件公开发布）'),
              p('抄送：区委办，区人大办，区政协办。'),
              p('厦门市思明区人民政府办公室'),
              p('2023年12月21日印发', { right: true }),
            ],
          },
        ],
      }),
    );
    const r = await extractIntake(docx);
    expect(r.missing).toEqual([]);
    expect(r.fields).toEqual({
      issuer: '厦门市思明区人民政府办公室',
      docNumber: '思政办〔2023〕106号',
      title: '厦门市思明区人民政府办公室关于做好2024年元旦春节期间值班工作的通知',
      mainRecipients: ['各街道办事处', '区直各部门'],
      writtenDate: '2023-12-20',
      ccRecipients: ['区委办', '区人大办', '区政协办'],
      printer: '厦门市思明区人民政府办公室',
      issuedDate: '2023-12-21',
      publicity: '公开发布',
    });
  });

  it('an OFD: lines rebuilt from the text objects\' positions, in any order in the file', async () => {
    const r = await extractIntake(buildOfd());
    expect(r.format).toBe('ofd');
    expect(r.missing).toEqual([]);
    expect(r.fields).toMatchObject({ issuer: '厦门市人民政府办公厅', docNumber: '厦府办〔2022〕47号', writtenDate: '2022-05-08', printer: '厦门市人民政府办公厅', issuedDate: '2022-05-20', ccRecipients: ['市委办公厅', '市人大常委会办公厅'] });
  });

  it('refuses what it cannot read with a clear message', async () => {
    await expect(extractIntake(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]))).rejects.toThrow(/不支持的文件格式/);
    await expect(extractIntake(Buffer.from('%PDF-1.7\n这不是完整的PDF'))).rejects.toThrow(/无法读取该 PDF/);
    const ofd = buildOfd();
    await expect(extractIntake(ofd.subarray(0, ofd.length - 30))).rejects.toThrow(/损坏/);
    expect(sniffFormat(writeZip([{ name: 'a.txt', data: 'x' }]))).toBeNull();
  });
});

/** A one-page OFD with the seed notice's header and 版记 (object order shuffled, as producers do). */
function buildOfd(): Buffer {
  const text = (id: number, y: number, x: number, t: string) =>
    `<ofd:TextObject ID="${id}" Boundary="${x} ${y} 160 8" Font="1" Size="5.6"><ofd:TextCode X="0" Y="5.6">${t}</ofd:TextCode></ofd:TextObject>`;
  const objects = [
    text(10, 250, 28, '抄送：市委办公厅，'),
    text(3, 70, 60, '厦府办〔2022〕47号'),
    text(2, 40, 30, '厦门市人民政府办公厅文件'),
    text(4, 95, 40, '厦门市人民政府办公厅关于印发2022年数字厦门工作要点的通知'),
    text(5, 110, 28, '各区人民政府，市直各委、办、局：'),
    text(6, 125, 40, '《2022年数字厦门工作要点》已经市政府研究同意，现印发给你们，请认真组织实施。'),
    text(7, 160, 110, '厦门市人民政府办公厅'),
    text(8, 170, 115, '2022年5月8日'),
    text(9, 180, 35, '（此件主动公开）'),
    text(11, 258, 40, '市人大常委会办公厅。'),
    text(12, 270, 28, '厦门市人民政府办公厅'),
    text(13, 270, 140, '2022年5月20日印发'),
  ].join('');
  return writeZip([
    { name: 'OFD.xml', data: '<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>x</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' },
    { name: 'Doc_0/Document.xml', data: '<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>20</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>' },
    { name: 'Doc_0/Pages/Page_0/Content.xml', data: `<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="20">${objects}</ofd:Layer></ofd:Content></ofd:Page>` },
  ]);
}
