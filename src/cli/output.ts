/** What every command shares: exit codes, where it prints, and how a problem and a value are shown. */
import type { Problem } from '../workbook/validate';
import type { CellValue } from '../scoring/excel';

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** A command's context: where it prints and how it sets the exit code. */
export interface CommandContext {
  io: Io;
  setExit: (code: number) => void;
}

export function formatProblem(file: string, p: Problem): string {
  const where = p.sheet ? `${p.sheet}!${p.cell ?? ''}` : '';
  const name = p.name ? ` (${p.name})` : '';
  return `${file}${where ? `: ${where}` : ''}${name}: ${p.message}`;
}

/** Problems as --json gives them: each with its file, sheet, cell and name (null when none). */
export function jsonProblems(file: string | null, problems: readonly Problem[]) {
  return problems.map((p) => ({ file, sheet: p.sheet ?? null, cell: p.cell ?? null, name: p.name ?? null, message: p.message }));
}

export const showValue = (v: CellValue) => (v === null ? '(tom)' : typeof v === 'string' ? `"${v.length > 60 ? `${v.slice(0, 60)}…` : v}"` : String(v).replace('.', ','));
