/**
 * The file adapter: the workbook port over an .xlsx file's bytes, with ExcelJS (and JSZip and
 * saxes for what ExcelJS drops: defined names' scope, LibreOffice's protection flags, the parts a
 * rewrite would lose). The only code the core's callers use to read or write files; it takes
 * bytes and gives bytes (`Uint8Array`).
 */
import type ExcelJS from 'exceljs';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { absoluteRef, splitRef, type WorkbookSpec } from '../workbook/description';
import { readRange } from '../workbook/view';
import { fileFormula } from '../scoring/formulas';
import { ExpectationError, holdsExpected, type CellRead, type CellWrite, type NameInfo, type NamedCellRead, type RangeRead, type RangeRequest, type ReadRequest, type ReadResult, type WorkbookPort, type WriteBatch } from '../workbook/port';
import { notZipProblem } from '../consolidate/package';
import { DAMAGED, LIMITS, TOO_BIG, inspectZip, sniff } from '../workbook/limits';
import { emptyCellNotesLost, readParts } from './parts';
import { renderSheet } from './render';

/**
 * ExcelJS's workbook class alone: the package's entry point also loads its streaming reader and
 * writer (unzipper, archiver), which parathed never uses, and that doubles every command's
 * start-up (about 0.3 s of 0.6 s).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const newWorkbook = (): ExcelJS.Workbook => new (require('exceljs/lib/doc/workbook') as typeof ExcelJS.Workbook)();

/** The document dates of a generated template, so the same description gives the same bytes. */
const FIXED_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

const EMPTY: CellRead = { type: 'empty', value: null };

/** What a formula's cached result reads as. */
function resultOf(r: unknown): number | string | boolean | null {
  if (typeof r === 'number' || typeof r === 'string' || typeof r === 'boolean') return r;
  if (r && typeof r === 'object' && 'error' in r) return String((r as { error: unknown }).error);
  return null;
}

/** An ExcelJS cell as the port reads it. */
function cellRead(cell: ExcelJS.Cell): CellRead {
  const v = cell.value;
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'number') return { type: 'number', value: v };
  if (typeof v === 'string') return { type: 'string', value: v };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  if (v instanceof Date) return { type: 'date', value: v.getTime() / 86_400_000 + 25_569 };
  if ('richText' in v) return { type: 'string', value: v.richText.map((r) => r.text).join('') };
  if ('error' in v) return { type: 'error', value: String(v.error) };
  // A shared formula's dependent cells are read as their own (translated) formula text.
  if ('formula' in v || 'sharedFormula' in v) return { type: 'formula', formula: cell.formula, value: resultOf((v as { result?: unknown }).result) };
  if ('text' in v && typeof v.text === 'string') return { type: 'string', value: v.text };
  return { type: 'error', value: '#VALUE!' };
}

export type OpenResult = { workbook: XlsxWorkbook; lost: string[] } | { problem: string };

export class XlsxWorkbook implements WorkbookPort {
  private constructor(
    private readonly wb: ExcelJS.Workbook,
    private readonly names: NameInfo[],
    private readonly openedNotes: { sheet: string; cell: string }[] = [],
  ) {}

  /** An empty workbook, to write a template into. */
  static create(): XlsxWorkbook {
    const wb = newWorkbook();
    wb.creator = 'parathed';
    wb.lastModifiedBy = 'parathed';
    wb.created = FIXED_DATE;
    wb.modified = FIXED_DATE;
    return new XlsxWorkbook(wb, []);
  }

  /** Opens a workbook's bytes; a Danish problem when they are not a readable .xlsx. */
  static async open(data: Uint8Array): Promise<OpenResult> {
    if (sniff(data) !== 'zip') return { problem: notZipProblem(data) };
    if (data.length > LIMITS.fileBytes) return { problem: TOO_BIG };
    // Unpacked once, counted and checked against the zip's directory, before any library unpacks it.
    const checked = inspectZip(data);
    if ('problem' in checked) return { problem: checked.problem };
    const parts = await readParts(data);
    if ('problem' in parts) return { problem: parts.problem };
    const wb = newWorkbook();
    try {
      await wb.xlsx.load(parts.data as unknown as ArrayBuffer);
    } catch {
      return { problem: DAMAGED };
    }
    // ExcelJS reads a note only onto a cell its sheet's data holds: a note on an empty cell is
    // dropped as it reads (and so by any rewrite); those the load did not carry are named as lost.
    const carried = (n: { sheet: string; cell: string }) => {
      try {
        const at = splitRef(n.cell.replace(/\$/g, '').toUpperCase());
        return wb.getWorksheet(n.sheet)?.findCell(at.row, at.col)?.note !== undefined;
      } catch {
        return false; // not a cell address: not carried either
      }
    };
    const unread = parts.notes.filter((n) => !carried(n));
    return { workbook: new XlsxWorkbook(wb, parts.names, parts.notes), lost: unread.length > 0 ? [...parts.lost, emptyCellNotesLost(unread)] : parts.lost };
  }

  async read(request: ReadRequest): Promise<ReadResult> {
    const cells = new Map<string, NamedCellRead>();
    for (const name of request.cells ?? []) cells.set(name, this.namedCell(name));
    return {
      sheets: request.sheets ? this.wb.worksheets.map((ws) => ({ name: ws.name, visible: ws.state === 'visible' })) : [],
      names: request.names ? this.names.map((n) => ({ ...n })) : [],
      cells,
      ranges: (request.ranges ?? []).map((r) => this.range(r)),
      ...(request.notes ? { notes: this.notes() } : {}),
    };
  }

  /** The cells that held a note when the file was opened (read from its comments parts). */
  private notes(): { sheet: string; cell: string }[] {
    return this.openedNotes.map((n) => ({ ...n }));
  }

  async write(batch: WriteBatch): Promise<ReadResult | undefined> {
    const changed = (batch.expect ?? []).filter((e) => !holdsExpected(this.namedCell(e.name).cell?.value, e.value)).map((e) => e.name);
    if (changed.length) throw new ExpectationError(changed);
    for (const name of batch.removeSheets ?? []) {
      const ws = this.wb.getWorksheet(name);
      if (ws) this.wb.removeWorksheet(ws.id);
    }
    for (const { sheet, position } of batch.putSheets ?? []) {
      const { ws, names } = await renderSheet(this.wb, sheet);
      for (const n of names) this.names.push({ name: n.name, scope: null, refersTo: absoluteRef(sheet.name, n.ref), target: { sheet: sheet.name, range: n.ref } });
      if (position === 'first') {
        (ws as unknown as { orderNo: number }).orderNo = -1;
        this.wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
      }
    }
    for (const c of batch.cells ?? []) this.writeCell(c);
    for (const r of batch.names ?? []) {
      this.wb.definedNames.add(absoluteRef(r.sheet, r.range), r.name);
      this.names.push({ name: r.name, scope: null, refersTo: absoluteRef(r.sheet, r.range), target: { sheet: r.sheet, range: r.range } });
    }
    return batch.thenRead ? this.read(batch.thenRead) : undefined;
  }

  /** Every sheet but one hidden (LibreOffice exports only the visible sheets to PDF). */
  showOnly(sheet: string): void {
    for (const ws of this.wb.worksheets) if (ws.name !== sheet) ws.state = 'hidden';
  }

  /** The workbook's bytes; Excel recalculates every formula when it opens them. */
  /** The workbook as .xlsx bytes; `STORE` leaves its parts unpacked (for a caller that packs them itself). */
  async bytes(compression: 'DEFLATE' | 'STORE' = 'DEFLATE'): Promise<Uint8Array> {
    this.wb.calcProperties = { ...this.wb.calcProperties, fullCalcOnLoad: true };
    return new Uint8Array(await this.wb.xlsx.writeBuffer({ zip: { compression } } as ExcelJS.XlsxWriteOptions));
  }

  private workbookName(name: string): NameInfo | undefined {
    return this.names.find((n) => n.scope === null && n.name === name);
  }

  private namedCell(name: string): NamedCellRead {
    const target = this.workbookName(name)?.target;
    if (!target) return {};
    const ws = this.wb.getWorksheet(target.sheet);
    if (!ws || target.range.includes(':')) return { target };
    return { target, cell: cellRead(ws.getCell(target.range)) };
  }

  private range(r: RangeRequest): RangeRead {
    const ws = this.wb.getWorksheet(r.sheet);
    return readRange(r, ws ? { col: ws.columnCount, row: ws.rowCount } : undefined, (col, row) => {
      const wsRow = ws!.findRow(row);
      return wsRow ? cellRead(wsRow.getCell(col)) : EMPTY;
    });
  }

  private writeCell(c: CellWrite): void {
    const at = 'name' in c ? this.workbookName(c.name)?.target : { sheet: c.sheet, range: c.ref };
    const ws = at ? this.wb.getWorksheet(at.sheet) : undefined;
    if (!at || !ws) throw new Error(`No cell ${'name' in c ? c.name : `${c.sheet}!${c.ref}`} to write`);
    const cell = ws.getCell(at.range);
    if ('formula' in c) cell.value = c.result === undefined ? { formula: fileFormula(c.formula) } : ({ formula: fileFormula(c.formula), result: c.result } as ExcelJS.CellFormulaValue);
    else cell.value = c.value;
  }
}

/**
 * The zip entries' time: 1 January 2026, 00:00 as the zip stores it (local time, so the bytes are
 * the same in every time zone).
 */
const ZIP_DATE = new Date(2026, 0, 1, 0, 0, 0);

/** The described workbook as .xlsx bytes, the same for the same description (fixed dates, sorted zip entries). */
export async function writeXlsx(spec: WorkbookSpec): Promise<Uint8Array> {
  const workbook = XlsxWorkbook.create();
  await workbook.write({ putSheets: spec.sheets.map((sheet) => ({ sheet })), names: spec.rangeNames });
  // Packed once, here, in a fixed order with fixed dates (fflate: several times faster than
  // JSZip's deflate, which took a tenth of writing the 98 municipalities' overview).
  const parts = unzipSync(await workbook.bytes('STORE'));
  const files: Zippable = {};
  for (const name of Object.keys(parts).sort()) if (!name.endsWith('/')) files[name] = parts[name]!;
  return zipSync(files, { level: 6, mtime: ZIP_DATE });
}
