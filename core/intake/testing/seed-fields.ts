import type { IntakeFields } from '../model';

/** What the seed notice (厦府办〔2022〕47号) reads as: its text file, and the PDF and DOCX main/layout makes of it. */
export const SEED_INTAKE_FIELDS: IntakeFields = {
  issuer: '厦门市人民政府办公厅',
  docNumber: '厦府办〔2022〕47号',
  title: '厦门市人民政府办公厅关于印发2022年数字厦门工作要点的通知',
  mainRecipients: ['各区人民政府', '市直各委、办、局', '各开发区管委会', '各有关单位'],
  writtenDate: '2022-05-08',
  ccRecipients: ['市委办公厅', '市委各部门', '中央驻厦各机构、各人民团体', '市人大常委会办公厅', '市政协办公厅', '市监委', '市法院', '市检察院'],
  printer: '厦门市人民政府办公厅',
  issuedDate: '2022-05-20',
  publicity: '主动公开',
};
