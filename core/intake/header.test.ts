import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseNumeralsToDigits, parseAnyDate } from './chinese-date';
import { parseIntakeText } from './header';
import { SEED_INTAKE_FIELDS } from './testing/seed-fields';

const SEED = fs.readFileSync(path.join(__dirname, '../../seeds/xiamen-2022-digital-work-points.txt'), 'utf8');

describe('parseIntakeText', () => {
  it('finds every header and 版记 field of the seed', () => {
    const r = parseIntakeText(SEED);
    expect(r.missing).toEqual([]);
    expect(r.fields).toEqual(SEED_INTAKE_FIELDS);
    expect(r.secrecy).toBeUndefined();
    expect(r.text).toContain('建设全市统一的政务服务管理平台');
  });

  it('normalises [] and 【】 to 〔〕, reads Chinese-numeral dates and a 上行文 with 签发人', () => {
    const text = [
      '特急',
      '厦门市工业和信息化局文件',
      '厦工信【２０２３】８号            签发人：陈志强',
      '李明',
      '厦门市工业和信息化局',
      '关于申请数字政府建设专项资金的请示',
      '市人民政府：',
      '为推进数字政府建设，现申请专项资金。',
      '妥否，请批示。',
      '厦门市工业和信息化局',
      '二〇二三年十二月三十一日',
      '（此件依申请公开）',
      '抄送：市财政局，',
      '市发展改革委。',
      '厦门市工业和信息化局办公室          2023年12月31日印发',
    ].join('\n');
    const r = parseIntakeText(text);
    expect(r.missing).toEqual([]);
    expect(r.fields).toMatchObject({
      issuer: '厦门市工业和信息化局',
      docNumber: '厦工信〔2023〕8号',
      title: '厦门市工业和信息化局关于申请数字政府建设专项资金的请示',
      mainRecipients: ['市人民政府'],
      writtenDate: '2023-12-31',
      ccRecipients: ['市财政局', '市发展改革委'],
      printer: '厦门市工业和信息化局办公室',
      issuedDate: '2023-12-31',
      publicity: '依申请公开',
    });
    expect(parseIntakeText('测府办[2024]3号\n关于放假的通知\n各单位:').fields.docNumber).toBe('测府办〔2024〕3号');
    // Letter-spaced print: the spaces between characters are not kept.
    const spaced = parseIntakeText('测 试 市 人 民 政 府 文 件\n测政〔2024〕9号\n关 于 开 展 App 推 广 的 通 知\n各 区 人 民 政 府：');
    expect(spaced.fields).toMatchObject({ issuer: '测试市人民政府', title: '关于开展 App 推广的通知', mainRecipients: ['各区人民政府'] });
  });

  it('lists what it cannot find instead of guessing, and reports a 密级', () => {
    const r = parseIntakeText('秘密★1年\n一份没有版头的材料。\n第二行。');
    expect(r.fields).toEqual({});
    expect(r.missing).toEqual(['issuer', 'docNumber', 'title', 'mainRecipients', 'writtenDate', 'ccRecipients', 'printer', 'issuedDate', 'publicity']);
    expect(r.secrecy).toBe('秘密★1年');
    expect(parseIntakeText('').missing).toHaveLength(9);
  });
});

describe('Chinese-numeral dates', () => {
  it('reads 〇 ○ 零, 十, 二十, 三十一 and refuses impossible dates', () => {
    expect(chineseNumeralsToDigits('二〇二二年五月八日')).toBe('2022年5月8日');
    expect(parseAnyDate('二○二二年十二月二十日')).toBe('2022-12-20');
    expect(parseAnyDate('二零二四年二月二十九日')).toBe('2024-02-29');
    expect(parseAnyDate('二〇二三年二月三十日')).toBeNull();
    expect(parseAnyDate('２０２２年５月８日')).toBe('2022-05-08');
    expect(parseAnyDate('2022 年 5 月 8 日')).toBe('2022-05-08');
  });
});
