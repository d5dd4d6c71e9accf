import { readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { FontRole } from './compose';

/**
 * Finding fonts for the five faces of a 公文. The faces the standard's practice names (仿宋_GB2312,
 * 方正小标宋简体, 黑体, 楷体_GB2312, 宋体) are proprietary and found only if the office installed
 * them; otherwise we substitute the open Noto/Source Han CJK fonts and say so in the output.
 */

export const ROLE_LABEL: Record<FontRole, string> = {
  fangsong: '仿宋',
  xiaobiaosong: '小标宋',
  heiti: '黑体',
  kaiti: '楷体',
  songti: '宋体',
};

/**
 * The font names written into DOCX files (what Word looks up on the reader's machine): the faces
 * every Windows since 7 has (仿宋, 楷体, 黑体, 宋体), and 方正小标宋简体 for the 标志 and title,
 * with the fallbacks of main/layout/docx-fonts.ts declared in the file's font table.
 */
export const DOCX_FONT: Record<FontRole, string> = {
  fangsong: '仿宋',
  xiaobiaosong: '方正小标宋简体',
  heiti: '黑体',
  kaiti: '楷体',
  songti: '宋体',
};

export interface FontFile {
  path: string;
  /** PostScript name of the face inside a .ttc collection. */
  postscript?: string;
  name: string;
  /** Not the face the standard's practice asks for. */
  substitute: boolean;
}

interface Candidate {
  file: string;
  postscript?: string;
  name: string;
}

const c = (file: string, name: string, postscript?: string): Candidate => (postscript ? { file, name, postscript } : { file, name });

const PROPER: Record<FontRole, Candidate[]> = {
  fangsong: [
    c('fangsong_gb2312.ttf', '仿宋_GB2312'),
    c('仿宋_gb2312.ttf', '仿宋_GB2312'),
    c('fs_gb2312.ttf', '仿宋_GB2312'),
    c('simfang.ttf', '仿宋'),
    c('fzfsjw.ttf', '方正仿宋简体'),
    c('fzfsk.ttf', '方正仿宋_GBK'),
    c('stfangso.ttf', '华文仿宋'),
  ],
  xiaobiaosong: [
    c('fzxbsjw.ttf', '方正小标宋简体'),
    c('fzxbsjw--gb1-0.ttf', '方正小标宋简体'),
    c('方正小标宋简体.ttf', '方正小标宋简体'),
    c('fzxbsk.ttf', '方正小标宋_GBK'),
  ],
  heiti: [c('simhei.ttf', '黑体'), c('fzhtjw.ttf', '方正黑体简体'), c('fzhtk.ttf', '方正黑体_GBK')],
  kaiti: [
    c('kaiti_gb2312.ttf', '楷体_GB2312'),
    c('楷体_gb2312.ttf', '楷体_GB2312'),
    c('simkai.ttf', '楷体'),
    c('fzktjw.ttf', '方正楷体简体'),
    c('stkaiti.ttf', '华文楷体'),
    c('gkai00mp.ttf', 'AR PL KaitiM GB'),
  ],
  songti: [c('simsun.ttc', '宋体', 'SimSun'), c('simsun.ttf', '宋体'), c('stsong.ttf', '华文宋体')],
};

const SERIF = [
  c('notoserifcjk-regular.ttc', 'Noto Serif CJK SC', 'NotoSerifCJKsc-Regular'),
  c('notoserifcjksc-regular.otf', 'Noto Serif CJK SC'),
  c('sourcehanserifsc-regular.otf', 'Source Han Serif SC'),
  c('sourcehanserif-regular.ttc', 'Source Han Serif SC', 'SourceHanSerifSC-Regular'),
];
const SERIF_BOLD = [
  c('notoserifcjk-bold.ttc', 'Noto Serif CJK SC Bold', 'NotoSerifCJKsc-Bold'),
  c('notoserifcjksc-bold.otf', 'Noto Serif CJK SC Bold'),
  c('sourcehanserifsc-bold.otf', 'Source Han Serif SC Bold'),
];
const SANS = [
  c('notosanscjk-medium.ttc', 'Noto Sans CJK SC Medium', 'NotoSansCJKsc-Medium'),
  c('notosanscjk-regular.ttc', 'Noto Sans CJK SC', 'NotoSansCJKsc-Regular'),
  c('notosanscjksc-regular.otf', 'Noto Sans CJK SC'),
  c('sourcehansanssc-regular.otf', 'Source Han Sans SC'),
  c('wqy-zenhei.ttc', '文泉驿正黑', 'WenQuanYiZenHei'),
];

const SUBSTITUTES: Record<FontRole, Candidate[]> = {
  fangsong: [...SERIF, ...SERIF_BOLD, ...SANS],
  xiaobiaosong: [...SERIF_BOLD, ...SERIF, ...SANS],
  heiti: [...SANS, ...SERIF_BOLD, ...SERIF],
  kaiti: [...SERIF, ...SERIF_BOLD, ...SANS],
  songti: [...SERIF, ...SERIF_BOLD, ...SANS],
};

/** The OS font folders: Linux, Windows and macOS. */
export function systemFontDirectories(): string[] {
  const home = homedir();
  const windir = process.env.WINDIR ?? 'C:\\Windows';
  const local = process.env.LOCALAPPDATA;
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    join(home, '.local/share/fonts'),
    join(home, '.fonts'),
    '/System/Library/Fonts',
    '/Library/Fonts',
    join(home, 'Library/Fonts'),
    join(windir, 'Fonts'),
    ...(local ? [join(local, 'Microsoft/Windows/Fonts')] : []),
  ];
}

const indexes = new Map<string, Map<string, string>>();

/** Lower-cased file name → path, for every font file under the folders (4 levels deep). */
function fontIndex(dirs: string[]): Map<string, string> {
  const key = dirs.join('\n');
  const cached = indexes.get(key);
  if (cached) return cached;
  const index = new Map<string, string>();
  const walk = (dir: string, depth: number): void => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return; // folder absent on this OS
    }
    for (const entry of entries) {
      const path = join(dir, entry);
      if (/\.(ttf|otf|ttc)$/i.test(entry)) {
        if (!index.has(entry.toLowerCase())) index.set(entry.toLowerCase(), path);
      } else if (depth < 4) {
        try {
          if (statSync(path).isDirectory()) walk(path, depth + 1);
        } catch {
          // unreadable entry: skip
        }
      }
    }
  };
  dirs.forEach((d) => walk(d, 0));
  indexes.set(key, index);
  return index;
}

/** Font files for a role, best first: the proper face if installed, then substitutes. */
export function fontCandidates(role: FontRole, dirs: string[] = systemFontDirectories()): FontFile[] {
  const index = fontIndex(dirs);
  const found = (list: Candidate[], substitute: boolean): FontFile[] =>
    list.flatMap((cand) => {
      const path = index.get(cand.file);
      if (!path) return [];
      const file: FontFile = { path, name: cand.name, substitute };
      return [cand.postscript ? { ...file, postscript: cand.postscript } : file];
    });
  return [...found(PROPER[role], false), ...found(SUBSTITUTES[role], true)];
}

export const describeFont = (role: FontRole, f: FontFile): string =>
  `${ROLE_LABEL[role]}=${f.name}${f.substitute ? '(替代字体)' : ''} [${basename(f.path)}]`;
