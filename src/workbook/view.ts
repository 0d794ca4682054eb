/**
 * A read through the port, looked up by what a reader wants: is a sheet there, what is in a
 * cell (whichever requested range covered it), where a workbook-level name points. Also how one
 * read is asked for on behalf of several readers, so a user action reads once.
 */
import { columnLetter, splitRef } from './description';
import type { CellRead, RangeRead, RangeRequest, ReadRequest, ReadResult } from './port';

/** The smallest rectangle ("A4:H20") holding every cell address given. */
export function boundingRange(refs: Iterable<string>): string {
  let minCol = Infinity;
  let minRow = Infinity;
  let maxCol = 0;
  let maxRow = 0;
  for (const ref of refs) {
    const { col, row } = splitRef(ref);
    minCol = Math.min(minCol, col);
    minRow = Math.min(minRow, row);
    maxCol = Math.max(maxCol, col);
    maxRow = Math.max(maxRow, row);
  }
  if (maxRow === 0) throw new Error('boundingRange of no cells');
  return `${columnLetter(minCol)}${minRow}:${columnLetter(maxCol)}${maxRow}`;
}

/**
 * A requested range as an adapter reads it, cell by cell: `used` is the sheet's used size (its
 * bottom-right corner; undefined when there is no such sheet), `cellAt` a cell by column and row.
 */
export function readRange(r: RangeRequest, used: { col: number; row: number } | undefined, cellAt: (col: number, row: number) => CellRead): RangeRead {
  if (!used) return { sheet: r.sheet, ...(r.range ? { range: r.range } : {}), exists: false, origin: 'A1', rows: [] };
  const [from, to] = r.range ? (r.range.split(':') as [string, string?]) : ['A1', undefined];
  const start = splitRef(from);
  const end = to ? splitRef(to) : r.range ? start : { col: Math.max(used.col, 1), row: Math.max(used.row, 1) };
  const rows: CellRead[][] = [];
  for (let row = start.row; row <= end.row; row++) {
    const line: CellRead[] = [];
    for (let col = start.col; col <= end.col; col++) line.push(cellAt(col, row));
    rows.push(line);
  }
  return { sheet: r.sheet, ...(r.range ? { range: r.range } : {}), exists: true, origin: from, rows };
}

/** One request asking for everything the given requests ask for. */
export function combineRequests(...requests: ReadRequest[]): ReadRequest {
  const cells = new Set(requests.flatMap((r) => r.cells ?? []));
  const seen = new Set<string>();
  const ranges = requests
    .flatMap((r) => r.ranges ?? [])
    .filter((r) => {
      const key = `${r.sheet}!${r.range ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return {
    sheets: requests.some((r) => r.sheets),
    names: requests.some((r) => r.names),
    cells: [...cells],
    ranges,
    ...(requests.some((r) => r.notes) ? { notes: true } : {}),
  };
}

export class ReadView {
  private readonly sheetNames: Set<string>;
  /** Each range's first cell, as column and row. */
  private readonly origins: { col: number; row: number }[];
  /** Where each name asked for points (readers ask for the same names several times). */
  private readonly places = new Map<string, { sheet: string; cell: string } | undefined>();

  constructor(readonly result: ReadResult) {
    this.sheetNames = new Set(result.sheets.map((s) => s.name));
    this.origins = result.ranges.map((r) => splitRef(r.origin));
  }

  hasSheet(name: string): boolean {
    return this.sheetNames.has(name);
  }

  /** The cell at an address on a sheet, from whichever range read covers it. */
  cell(sheet: string, ref: string): CellRead | undefined {
    const { col, row } = splitRef(ref);
    const ranges = this.result.ranges;
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i]!;
      if (r.sheet !== sheet || !r.exists) continue;
      const origin = this.origins[i]!;
      const line = r.rows[row - origin.row];
      const cell = line?.[col - origin.col];
      if (cell) return cell;
    }
    return undefined;
  }

  /** The range read for a sheet's used range (a request without a range). */
  used(sheet: string): RangeRead | undefined {
    return this.result.ranges.find((r) => r.sheet === sheet && r.range === undefined && r.exists);
  }

  /** Where a workbook-level name points, when it points at one cell. */
  namedCell(name: string): { sheet: string; cell: string } | undefined {
    if (this.places.has(name)) return this.places.get(name);
    const target = this.result.cells.get(name)?.target;
    const place = !target || target.range.includes(':') ? undefined : { sheet: target.sheet, cell: target.range };
    this.places.set(name, place);
    return place;
  }
}
