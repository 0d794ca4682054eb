/**
 * A1 addresses for the Office adapter: parsing, and grouping described cells into row runs and blocks so
 * that a sheet is written with a few range operations instead of one per cell. Pure.
 */
import { columnLetter } from '../workbook/description';

export interface CellPos {
  row: number;
  col: number;
}

export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function parseCell(ref: string): CellPos {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.trim().toUpperCase());
  if (!m) throw new Error(`Not an A1 cell reference: ${ref}`);
  return { col: columnIndex(m[1]!), row: Number(m[2]) };
}

export function cellRef(pos: CellPos): string {
  return `${columnLetter(pos.col)}${pos.row}`;
}

/** The top-left and bottom-right cells of "A1" or "A1:C9". */
export function parseRange(ref: string): { from: CellPos; to: CellPos } {
  const [a, b] = ref.split(':') as [string, string | undefined];
  const from = parseCell(a);
  const to = b === undefined ? from : parseCell(b);
  return { from: { row: Math.min(from.row, to.row), col: Math.min(from.col, to.col) }, to: { row: Math.max(from.row, to.row), col: Math.max(from.col, to.col) } };
}

/** "Sheet!$A$1:$B$2", "'My sheet'!A1" or "=Sheet!A1" → sheet and range without "$"; undefined for anything else (constants, several areas, #REF!). */
export function parseReference(formula: string): { sheet: string; range: string } | undefined {
  const m = /^=?(?:'((?:[^']|'')+)'|([^'!:=,()\s]+))!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)$/.exec(formula.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
  return { sheet, range: m[3]!.replace(/\$/g, '') };
}

/** Whether a range is one cell. */
export function isSingleCell(range: string): boolean {
  const { from, to } = parseRange(range);
  return from.row === to.row && from.col === to.col;
}

/** Items with a position, grouped into runs of adjacent cells on one row (sorted by row, then column). */
export function rowRuns<T>(items: readonly T[], pos: (item: T) => CellPos, sameRun: (a: T, b: T) => boolean = () => true): { range: string; items: T[] }[] {
  const sorted = [...items].sort((a, b) => pos(a).row - pos(b).row || pos(a).col - pos(b).col);
  const runs: { range: string; items: T[]; last: CellPos; first: CellPos }[] = [];
  for (const item of sorted) {
    const p = pos(item);
    const run = runs[runs.length - 1];
    if (run && run.last.row === p.row && run.last.col + 1 === p.col && sameRun(run.items[run.items.length - 1]!, item)) {
      run.items.push(item);
      run.last = p;
      run.range = `${cellRef(run.first)}:${cellRef(p)}`;
    } else {
      runs.push({ range: cellRef(p), items: [item], first: p, last: p });
    }
  }
  return runs.map(({ range, items: list }) => ({ range, items: list }));
}

/**
 * Row runs stacked into rectangles: runs on consecutive rows over the same columns (and, with
 * `sameRun`, of the same kind) become one block, its items row by row. A table of 98 rows is then
 * one range operation, not 98.
 */
export function blockRuns<T>(items: readonly T[], pos: (item: T) => CellPos, sameRun: (a: T, b: T) => boolean = () => true): { range: string; rows: T[][] }[] {
  const blocks: { first: CellPos; last: CellPos; rows: T[][] }[] = [];
  // The block that a run over these columns would continue.
  const open = new Map<string, (typeof blocks)[number]>();
  for (const run of rowRuns(items, pos, sameRun)) {
    const a = pos(run.items[0]!);
    const b = pos(run.items[run.items.length - 1]!);
    const key = `${a.col}:${b.col}`;
    const block = open.get(key);
    if (block && block.last.row + 1 === a.row && sameRun(block.rows[0]![0]!, run.items[0]!)) {
      block.rows.push(run.items);
      block.last = b;
    } else {
      const fresh = { first: a, last: b, rows: [run.items] };
      blocks.push(fresh);
      open.set(key, fresh);
    }
  }
  return blocks.map(({ first, last, rows }) => ({ range: first.row === last.row && first.col === last.col ? cellRef(first) : `${cellRef(first)}:${cellRef(last)}`, rows }));
}
