import ExcelJS from 'exceljs';
import { seededRandom } from '../../../core/testing/seeded-random';

/**
 * Realistic 建议/提案 workbooks for tests and the benchmark, as a 人大 office receives them from
 * the 大会秘书处: columns in the office's own order (with an unknown 备注 column), 代表团 names,
 * 附议人 separated by 、, 主办 and 协办 units from the 名录. Seeded, so the same call gives the
 * same rows.
 */
export const HEADER = ['序号', '届次', '会次', '编号', '类别', '重点', '标题', '领衔人', '代表团或界别', '附议人', '联系方式', '主办单位', '协办单位', '提出日期', '内容', '备注'];

const TOPICS = [
  ['关于加强中小学校园周边交通安全管理的建议', '市教育局', ['市公安局']],
  ['关于推进社区嵌入式托育服务的建议', '市卫健委', ['市民政局', '市教育局']],
  ['关于完善老旧小区加装电梯政策的建议', '市建设局', ['市资源规划局']],
  ['关于提升公共数据开放共享水平的建议', '市工信局(大数据局)', ['市信息中心']],
  ['关于加快新能源汽车充电设施建设的建议', '市发改委', ['市建设局', '市工信局(大数据局)']],
  ['关于优化营商环境推行惠企政策免申即享的建议', '市审批管理局', ['市财政局']],
  ['关于加强海漂垃圾治理的建议', '市海洋发展局', ['市生态环境局']],
  ['关于推动职业教育与产业协同发展的建议', '市教育局', ['市人社局']],
  ['关于完善居家社区养老服务体系的建议', '市民政局', ['市卫健委']],
  ['关于加强食品安全快检能力建设的建议', '市市场监管局', []],
] as const;
const GROUPS = ['思明区代表团', '湖里区代表团', '集美区代表团', '海沧区代表团', '同安区代表团', '翔安区代表团', '解放军代表团'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = ['建华', '秀英', '志强', '丽娟', '海峰', '晓东', '美玲', '国庆', '春梅', '文斌', '雅琴', '俊杰'];

export interface WorkbookOptions {
  rows: number;
  seed?: number;
  /** Sheet row numbers (header = 1) to break, each in its own way. */
  broken?: { missingLead?: number; duplicateOf?: [row: number, of: number]; unknownUnit?: number; badDate?: number; empty?: number };
}

/** The data rows as cell arrays (HEADER order), before the broken ones are broken. */
export function proposalRows(opts: WorkbookOptions): (string | Date | null)[][] {
  const rand = seededRandom(opts.seed ?? 13);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const person = () => `${pick([...SURNAMES])}${pick(GIVEN)}`;
  const rows: (string | Date | null)[][] = [];
  for (let i = 1; i <= opts.rows; i++) {
    const [title, lead, helpers] = pick(TOPICS);
    const cosigners = Array.from({ length: Math.floor(rand() * 4) }, person).join('、');
    const day = new Date(Date.UTC(2024, 0, 8 + Math.floor(rand() * 5)));
    rows.push([
      String(i),
      '十六届',
      '三次会议',
      String(i).padStart(4, '0'),
      '建议',
      rand() < 0.1 ? '是' : '否',
      `${title}(${i})`,
      person(),
      pick(GROUPS),
      cosigners,
      `1385920${String(1000 + i).slice(-4)}`,
      lead,
      helpers.join('、'),
      day,
      `${title.replace(/^关于|的建议$/g, '')}事关群众切身利益。建议:一是……;二是……;三是……。`,
      rand() < 0.2 ? '大会期间提出' : null,
    ]);
  }
  return rows;
}

const col = (name: string) => HEADER.indexOf(name);

export function brokenRows(opts: WorkbookOptions): (string | Date | null)[][] {
  const rows = proposalRows(opts);
  const b = opts.broken ?? {};
  const at = (sheetRow: number) => rows[sheetRow - 2]!;
  if (b.missingLead) at(b.missingLead)[col('领衔人')] = null;
  if (b.duplicateOf) at(b.duplicateOf[0])[col('编号')] = at(b.duplicateOf[1])[col('编号')]!;
  if (b.unknownUnit) at(b.unknownUnit)[col('协办单位')] = '市数字经济办';
  if (b.badDate) at(b.badDate)[col('提出日期')] = '2024年13月45日';
  if (b.empty) rows[b.empty - 2] = HEADER.map(() => null);
  return rows;
}

export async function proposalWorkbook(opts: WorkbookOptions): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('建议汇总');
  ws.addRow(HEADER);
  for (const r of brokenRows(opts)) ws.addRow(r);
  ws.getColumn(col('提出日期') + 1).numFmt = 'yyyy-mm-dd';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The same rows as CSV text (dates as 2024/1/9, as Excel writes them). */
export function proposalCsv(opts: WorkbookOptions): string {
  const cell = (v: string | Date | null) => {
    const s = v instanceof Date ? `${v.getUTCFullYear()}/${v.getUTCMonth() + 1}/${v.getUTCDate()}` : (v ?? '');
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [HEADER, ...brokenRows(opts)].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
