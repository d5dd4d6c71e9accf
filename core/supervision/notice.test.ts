import { describe, expect, it } from 'vitest';
import { replyByFor, urgeNoticeText } from './notice';

describe('urgeNoticeText', () => {
  it('writes a red 督查单 the way the 督查室 sends one', () => {
    const text = urgeNoticeText({
      level: 'red',
      units: ['市审批管理局', '市工信局(大数据局)'],
      code: '一(一)1',
      title: '建设全市统一的政务服务管理平台',
      sourceDocNumber: '厦府办〔2022〕47号',
      sourceTitle: '厦门市人民政府办公厅关于印发2022年数字厦门工作要点的通知',
      deadline: '2022-06-30',
      today: '2022-07-05',
      reasons: ['已超期3个工作日'],
      issuer: '市政府督查室',
      replyBy: replyByFor('2022-07-05'),
    });
    expect(text.split('\n')).toEqual([
      '督查单(红色)',
      '市审批管理局、市工信局(大数据局):',
      '    根据《2022年数字厦门工作要点》(厦府办〔2022〕47号)工作部署,由你单位承办的“一(一)1 建设全市统一的政务服务管理平台”事项,完成时限为2022年6月30日。截至2022年7月5日,已超期3个工作日。',
      '    请你单位于2022年7月8日前书面报送超期原因、整改措施及完成时间,主要负责同志要亲自过问、推动落实。逾期仍未办结的,将按规定予以通报。',
      '',
      '市政府督查室',
      '2022年7月5日',
    ]);
  });

  it('the reply date is counted in working days (National Day 2022)', () => {
    expect(replyByFor('2022-09-29')).toBe('2022-10-09'); // 09-30, 10-08 (调休 Saturday), 10-09 (调休 Sunday)
  });

  it('a blue notice asks to keep the date; no source, no deadline', () => {
    const text = urgeNoticeText({ level: 'blue', units: ['思明区'], code: '', title: '推行掌上办公', deadline: null, today: '2022-07-05', reasons: [], issuer: '市政府督查室', replyBy: '2022-07-08' });
    expect(text).toContain('督办提示单(蓝色)');
    expect(text).toContain('由你单位承办的“推行掌上办公”事项。截至2022年7月5日,尚未报送办理情况。');
    expect(text).toContain('请你单位抓紧推进,确保按期完成');
  });
});
