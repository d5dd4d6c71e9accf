import type { Actor } from '../kernel/actor';

/**
 * The demo directory behind 设置 → 演示身份切换, until real logins arrive with the sync server.
 * One 督查室 supervisor, a leader, an administrator and one contact for a few units named in the
 * seed (市审批管理局 and 市工信局(大数据局) lead most of its points), the people of 公文处理
 * (a 科员, a 核稿人, 文秘 and leaders of the units involved) and of a 提案建议 demonstration.
 * Names are placeholders.
 */
export const DEMO_USERS: readonly Actor[] = [
  { login: 'dcs.lin', name: '林督查', unit: '市政府督查室', role: 'supervisor' },
  { login: 'leader.wang', name: '王副秘书长', unit: '市政府办公厅', role: 'leader' },
  { login: 'spj.zhang', name: '张敏', unit: '市审批管理局', role: 'unit_staff' },
  { login: 'gxj.chen', name: '陈志强', unit: '市工信局(大数据局)', role: 'unit_staff' },
  { login: 'xxzx.liu', name: '刘洋', unit: '市信息中心', role: 'unit_staff' },
  { login: 'xxjt.zhou', name: '周婷', unit: '市信息集团', role: 'unit_staff' },
  { login: 'siming.huang', name: '黄晓', unit: '思明区', role: 'unit_staff' },
  // 提案建议: the 人大 and 政协 liaison offices, and the 主办 (市教育局) and 协办 (市卫健委) units of the demo.
  { login: 'rd.xu', name: '许静', unit: '市人大常委会代表工委', role: 'liaison' },
  { login: 'zx.he', name: '何平', unit: '市政协提案委', role: 'liaison' },
  { login: 'jyj.lin', name: '林晓', unit: '市教育局', role: 'office' },
  { login: 'jyj.wu', name: '吴建国', unit: '市教育局', role: 'leader' },
  { login: 'wjw.xie', name: '谢芳', unit: '市卫健委', role: 'unit_staff' },
  { login: 'admin', name: '系统管理员', unit: '市政府办公厅', role: 'admin' },
  // 公文处理 (发文 and 收文): a 科员 who drafts, a 核稿 reviewer and the 文秘 of 市政府办公厅, and the
  // office (收文 签收/登记) and leader (批办) of the two units a 通知 is sent to.
  { login: 'leader.chen', name: '陈秘书长', unit: '市政府办公厅', role: 'leader' },
  { login: 'bgt.li', name: '李文', unit: '市政府办公厅', role: 'unit_staff' },
  { login: 'bgt.zhao', name: '赵静', unit: '市政府办公厅', role: 'office' },
  { login: 'bgt.sun', name: '孙秘书', unit: '市政府办公厅', role: 'office' },
  { login: 'gxj.wu', name: '吴文秘', unit: '市工信局(大数据局)', role: 'office' },
  { login: 'gxj.zheng', name: '郑局长', unit: '市工信局(大数据局)', role: 'leader' },
  { login: 'spj.lin', name: '林文秘', unit: '市审批管理局', role: 'office' },
  { login: 'spj.xu', name: '许局长', unit: '市审批管理局', role: 'leader' },
  // 信访 (issue 14): the 信访局's registrar, a handler in a unit cases are assigned to, and an unrelated unit's staff.
  { login: 'xfj.chen', name: '陈静', unit: '市信访局', role: 'petition_office' },
  { login: 'zjj.wu', name: '吴承办', unit: '市住建局', role: 'unit_staff' },
  { login: 'jyj.he', name: '何老师', unit: '市教育局', role: 'unit_staff' },
];

/** The identity a fresh profile starts with: the 督查室, who runs the supervision year. */
export const DEFAULT_LOGIN = 'dcs.lin';

/** The demo contact person of a unit, used to prefill 交办's 联系人. */
export const demoContactOf = (unit: string): Actor | undefined =>
  DEMO_USERS.find((u) => u.role === 'unit_staff' && u.unit === unit);
