/** bench/results.json (machine-readable) and bench/results.md (for people) from one run. */
import type { MachineInfo, RunInfo } from './machine';
import { meets, type Budget, type DetailTable, type Figure } from '../types';

export interface AreaReport {
  id: string;
  title: string;
  description?: string;
  durationMs: number;
  figures: Figure[];
  tables: DetailTable[];
  notes: string[];
  /** Set when the benchmark could not measure (it threw). */
  error?: string;
}

export interface Results {
  machine: MachineInfo;
  run: RunInfo & {
    durationMs: number;
    areas: string[];
    /** Cores' worth of CPU other processes used in the second before the run (NaN without /proc/stat). */
    busyCoresBefore?: number;
    loadAverageAtEnd?: number;
  };
  summary: { budgets: number; hold: number; miss: number; failedAreas: string[] };
  areas: AreaReport[];
}

/** Fills in `holds` from the budget where the benchmark left it out. */
export function withVerdict(figure: Figure): Figure {
  if (figure.holds !== undefined || !figure.budget) return figure;
  return { ...figure, holds: Number.isFinite(figure.value) && meets(figure.value, figure.budget) };
}

export function summarise(areas: AreaReport[]): Results['summary'] {
  const budgeted = areas.flatMap((a) => a.figures).filter((f) => f.budget);
  const hold = budgeted.filter((f) => f.holds).length;
  return { budgets: budgeted.length, hold, miss: budgeted.length - hold, failedAreas: areas.filter((a) => a.error).map((a) => a.id) };
}

const number = (value: number) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { maximumFractionDigits: Math.abs(value) < 10 ? 2 : 1 }) : String(value);

const unitted = (value: number, unit: string) => (unit === '×' ? `${number(value)}×` : `${number(value)} ${unit}`);

const OP: Record<Budget['op'], string> = { '>=': '≥', '<=': '≤', '<': '<', '>': '>', '==': '=' };

function budgetText(figure: Figure): string {
  return figure.budget ? `${OP[figure.budget.op]} ${unitted(figure.budget.value, figure.unit)}` : '—';
}

function verdictText(figure: Figure): string {
  if (!figure.budget) return '';
  return figure.holds ? '✓ holds' : '**✗ MISSES**';
}

const cell = (value: string | number) =>
  String(typeof value === 'number' ? number(value) : value)
    .replace(/\|/g, '\\|')
    .replace(/\n/g, ' ');

function table(columns: string[], rows: (string | number)[][]): string {
  return [
    `| ${columns.join(' | ')} |`,
    `|${columns.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
}

export function renderMarkdown(results: Results): string {
  const { machine, run, summary } = results;
  const out: string[] = [];
  out.push('# Benchmarks (`npm run bench`)', '');
  out.push(
    'Measured, not asserted: `npm test` never runs these. Figures depend on the machine and on what else it was doing; ' +
      'compare runs on the same machine. Written by `bench/run.ts` — do not edit by hand.',
    '',
  );
  out.push(
    table(
      ['', ''],
      [
        ['Date', run.date],
        [
          'Commit',
          `\`${run.commit.slice(0, 12)}\` on ${run.branch}${run.uncommittedFiles ? ` (+ ${run.uncommittedFiles} uncommitted files in the tree)` : ''}`,
        ],
        ['Machine', `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGiB} GiB RAM, ${machine.os}`],
        ['Node', machine.node],
        [
          'Machine busy before the run',
          Number.isFinite(run.busyCoresBefore)
            ? `${run.busyCoresBefore} of ${machine.cores} cores (other processes, measured over 1 s)`
            : 'unknown',
        ],
        [
          'Load average (1 min)',
          `${machine.loadAverage} at start, ${run.loadAverageAtEnd ?? '?'} at end (which includes the bench itself)`,
        ],
        ['Bench duration', `${number(run.durationMs / 1000)} s (${run.areas.join(', ')})`],
      ],
    ),
    '',
  );

  out.push('## Summary', '');
  out.push(`**${summary.hold} of ${summary.budgets} budgets hold; ${summary.miss} miss.**`);
  if (summary.failedAreas.length) out.push(`**Could not measure:** ${summary.failedAreas.join(', ')} (see below).`);
  const misses = results.areas.flatMap((a) => a.figures.filter((f) => f.budget && !f.holds).map((f) => ({ area: a, f })));
  if (misses.length) {
    out.push('', 'Misses:', '');
    for (const { area, f } of misses) out.push(`- ${area.title} — ${f.name}: **${unitted(f.value, f.unit)}**, budget ${budgetText(f)}`);
  }
  out.push('');

  results.areas.forEach((area, i) => {
    out.push(`## ${i + 1}. ${area.title}`, '');
    if (area.description) out.push(area.description, '');
    out.push(`_Took ${number(area.durationMs / 1000)} s._`, '');
    if (area.error) out.push(`**This benchmark could not measure:** \`${area.error}\``, '');
    if (area.figures.length) {
      out.push(
        table(
          ['Figure', 'Value', 'Budget', 'Holds', 'Note'],
          area.figures.map((f) => [f.name, unitted(f.value, f.unit), budgetText(f), verdictText(f), f.note ?? '']),
        ),
        '',
      );
    }
    for (const t of area.tables) out.push(`**${t.title}**`, '', table(t.columns, t.rows), '');
    if (area.notes.length) {
      out.push('Notes:', '');
      for (const note of area.notes) out.push(`- ${note}`);
      out.push('');
    }
  });
  return out.join('\n');
}
