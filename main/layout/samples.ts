import type { OfficialDocumentInput } from './model';

/**
 * The notice of the seed document (seeds/xiamen-2022-digital-work-points.txt), 厦府办〔2022〕47号,
 * with the punctuation the PDF extraction lost restored; its 版记 is the one printed after the
 * attachment. Used by the tests and render-sample.ts.
 */
export const SEED_NOTICE: OfficialDocumentInput = {
  issuerMark: '厦门市人民政府办公厅文件',
  docNumber: '厦府办〔２０２２〕４７号',
  title: '厦门市人民政府办公厅关于\n印发2022年数字厦门工作要点的通知',
  mainRecipients: ['各区人民政府', '市直各委、办、局', '各开发区管委会', '各有关单位'],
  body: ['《2022年数字厦门工作要点》已经市政府研究同意，现印发给你们，请认真组织实施。'],
  issuer: '厦门市人民政府办公厅',
  writtenDate: '2022-05-08',
  seal: true,
  note: '此件主动公开',
  banji: {
    others: [{ label: '有关单位', names: ['人行厦门中心支行', '市信息集团', '市公交集团', '厦门电信', '厦门联通', '厦门移动'] }],
    cc: [
      '市委办公厅',
      '市委各部门',
      '中央驻厦各机构、各人民团体；',
      '市人大常委会办公厅',
      '市政协办公厅',
      '市监委',
      '市法院',
      '市检察院',
    ],
    printer: '厦门市人民政府办公厅',
    printDate: '2022-05-20',
  },
};

/** Paragraphs from the seed's work points, with their 一、（一）1． headings. */
export const SEED_BODY_EXCERPT: string[] = [
  '以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党的十九大和十九届历次全会精神以及全国“两会”精神，深入学习贯彻习近平总书记在福建考察时的重要讲话精神和致厦门经济特区建设40周年贺信重要精神，全面落实国家和省统一工作部署以及市委、市政府工作要求，立足新发展阶段、贯彻新发展理念、积极服务和深度融入新发展格局，把数据汇聚共享和开发利用摆在更加突出位置，围绕智治、兴业、惠民三大方向，加快推进数字政府、数字经济、数字社会建设，为厦门打造高质量发展引领示范区、更高水平建设“两高两化”城市注入更加强劲的数字动能。',
  '一、打造协同高效的数字政府',
  '（一）推进政务服务“一网通办”',
  '1．建设全市统一的政务服务管理平台。实施政务服务能力提升工程，建设全市统一的政务服务管理平台，向上对接省网上办事大厅和闽政通App，横向联通各区各部门政务服务业务系统，实现全市审批业务统一管理、统一反馈、统一查询、统一监督。（牵头单位：市审批管理局、市工信局（大数据局）、市信息集团；责任单位：各审批服务部门，各区）',
  '2．建设全市统一的政务服务数据共享平台。在市政务信息共享协同平台的基础上，建设全市统一的政务服务数据共享平台，向上对接省政务服务数据共享平台，横向联通市政务服务管理平台和各区各部门业务系统，汇聚政务服务事项、电子证照等数据，并与人口、法人等基础数据库共享共用，支撑业务系统获取信息。（牵头单位：市工信局（大数据局）、市审批管理局、市信息中心、市信息集团；责任单位：市直各部门，各区）',
  '三、构建开放共享的数据资源体系',
  '（二）强化数据资源汇聚共享。坚决打破信息孤岛、数据壁垒，6月底前全市各级部门信息系统全面接入市政务数据汇聚共享服务体系，市政务信息共享协同平台有效数据达50亿条以上。（责任单位：市工信局（大数据局）、市信息中心，市直各部门、各区）',
];

/** A document whose body is `paragraphs` ordinary 3-line paragraphs (80 characters each). */
export function longDocument(paragraphs: number): OfficialDocumentInput {
  const text = '为深入推进数字政府建设，各单位要加强统筹协调，明确责任分工，细化工作措施，确保各项任务按期完成。'.repeat(2).slice(0, 80);
  return { ...SEED_NOTICE, seal: false, body: Array.from({ length: paragraphs }, () => text) };
}
