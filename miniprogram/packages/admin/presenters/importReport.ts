import type { ImportReport } from '../services/structureImport';

export interface ImportView {
  status: ImportReport['status'];
  running: boolean;
  /** 0–100 for the progress bar. */
  percent: number;
  progressText: string;
  title: string;
  /** 第 4 行：手机号「12」不是有效的大陆手机号 */
  problems: { key: string; text: string }[];
  created: { label: string; value: number }[];
  unchangedText: string;
}

/** Pure: an import report as the page shows it. */
export function toImportView(r: ImportReport): ImportView {
  const percent = r.total > 0 ? Math.min(100, Math.round((r.processed / r.total) * 100)) : r.status === 'reading' ? 0 : 100;
  // A problem on row 0 is about the file as a whole (unreadable, wrong format), not a line to fix.
  const rowProblems = r.problems.filter((p) => p.row > 0).length;
  const titles: Record<ImportReport['status'], string> = {
    reading: '正在导入…',
    done: '导入完成',
    failed: rowProblems ? `有 ${rowProblems} 处问题，没有导入任何一行` : '文件没有导入，没有写入任何一行',
  };
  return {
    status: r.status,
    running: r.status === 'reading',
    percent,
    progressText: r.total > 0 ? `已处理 ${r.processed} / ${r.total}` : '正在读取文件…',
    title: titles[r.status] ?? r.status,
    problems: r.problems.map((p, i) => ({ key: `${p.row}-${i}`, text: p.row > 0 ? `第 ${p.row} 行：${p.message}` : p.message })),
    created: [
      { label: '网格', value: r.created.grids },
      { label: '楼栋', value: r.created.buildings },
      { label: '房屋', value: r.created.households },
      { label: '居民', value: r.created.residents },
    ],
    unchangedText: r.status === 'done' && r.unchanged > 0 ? `${r.unchanged} 行与已有信息相同，未改动` : '',
  };
}
