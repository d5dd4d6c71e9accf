import { describe, expect, it } from 'vitest';
import { intakeFormUpdate, NOT_FOUND_WARNING } from './form-values';

describe('intakeFormUpdate', () => {
  it('fills what was found, marks what was not, puts the text in 正文, and follows the form\'s own names', () => {
    const u = intakeFormUpdate(
      { fields: { issuer: '厦门市人民政府办公厅', docNumber: '厦府办〔2022〕47号', title: '关于…的通知', mainRecipients: ['各区人民政府'] }, missing: ['writtenDate', 'ccRecipients', 'printer', 'issuedDate', 'publicity'], text: '全文' },
      { printer: null, docNumber: 'sourceDocNumber' },
    );
    expect(u.values).toEqual({ issuer: '厦门市人民政府办公厅', sourceDocNumber: '厦府办〔2022〕47号', title: '关于…的通知', mainRecipients: ['各区人民政府'], body: '全文' });
    expect(u.marks).toEqual(['writtenDate', 'ccRecipients', 'issuedDate', 'publicity'].map((name) => ({ name, warnings: [NOT_FOUND_WARNING] })));
    expect(u.missingLabels).toEqual(['成文日期', '抄送机关', '印发机关', '印发日期', '公开属性']);
  });
});
