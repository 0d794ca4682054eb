/**
 * The selective reader: a read-only workbook port over an .xlsx file's bytes that reads only what
 * an assessment needs: the workbook part, its names, the shared strings and styles, and the sheets
 * that hold the workbook's named cells (not those that hold only named ranges, such as the lists)
 * and any others the caller selects. Never a full load:
 * the zip is checked and unpacked once within the limits (`inspectZip`, fflate), each selected
 * sheet is tokenized once (xml.ts), and a cell is converted only when a read asks for it.
 * Browser-safe.
 *
 * It reads what ExcelJS would read for the same cells (a date-formatted number as a date, rich
 * text joined, a shared formula as its own text, a merged cell as the merge's first cell), with
 * two differences on purpose: a cached result of 0 is read as 0 and a cached empty text as ""
 * (ExcelJS reads both as no result).
 */
import { columnLetter, splitRef } from '../workbook/description';
import { DAMAGED, LIMITS, NOT_XLSX, ODS, TOO_BIG, inspectZip, sniff } from '../workbook/limits';
import type { CellRead, NameInfo, NamedCellRead, RangeRead, RangeRequest, ReadRequest, ReadResult, WorkbookPort } from '../workbook/port';
import { readRange } from '../workbook/view';
import { isoToSerial } from '../workbook/formats';
import { CELLS_MESSAGE, areaMessage, expandedMessage, notZipProblem, parseWorkbookXml, relationships } from './package';
import { cellKey, mergeHints, parseSheetXml, translateFormula, type ParsedSheet, type StoredCell } from './sheet-xml';
import { parseXml } from './xml';

const EMPTY: CellRead = { type: 'empty', value: null };

/** The parts that say what the package is and where its sheets are (the content types need only be there). */
const PACKAGE_PARTS = new Set(['mimetype', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']);

/** The version of this reader, shown beside each file a consolidation checked. */
export const READER_VERSION = 'selektiv læser 1';

/** Excel's built-in number formats that are dates or times. */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

/** Whether a number format code shows a date or time (as ExcelJS decides it). */
function isDateFormat(code: string): boolean {
  return /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** For each cell style (xf) index, whether its number format is a date. */
function dateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const dates: boolean[] = [];
  let inCellXfs = false;
  parseXml(xml, {
    open(tag) {
      const local = tag.local;
      if (local === 'numFmt') custom.set(Number(tag.attribute('numFmtId')), tag.attribute('formatCode') ?? '');
      if (local === 'cellXfs') inCellXfs = true;
      if (local === 'xf' && inCellXfs) {
        const id = Number(tag.attribute('numFmtId') ?? 0);
        const code = custom.get(id);
        dates.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id));
      }
    },
    close(_name, local) {
      if (local === 'cellXfs') inCellXfs = false;
    },
  });
  return dates;
}

/** The shared string table's texts (rich text runs joined, phonetic runs left out). */
function sharedStrings(xml: string): string[] {
  const strings: string[] = [];
  let current: string | undefined;
  let inText = false;
  let phonetic = 0;
  parseXml(xml, {
    open(tag) {
      const local = tag.local;
      if (local === 'si') current = '';
      else if (local === 'rPh') phonetic++;
      else if (local === 't' && current !== undefined && phonetic === 0) inText = true;
    },
    text(text) {
      if (inText) current += text;
    },
    close(_name, local) {
      if (local === 't') inText = false;
      else if (local === 'rPh') phonetic--;
      else if (local === 'si' && current !== undefined) {
        strings.push(current);
        current = undefined;
      }
    },
  });
  return strings;
}

export type SelectiveOpen = { workbook: SelectiveWorkbook } | { problem: string };

class Refused extends Error {}

export class SelectiveWorkbook implements WorkbookPort {
  private constructor(
    private readonly sheetList: { name: string; visible: boolean }[],
    private readonly names: NameInfo[],
    private readonly sheets: Map<string, ParsedSheet>,
    private readonly strings: string[],
    private readonly dates: boolean[],
    /** The sheets whose cells were kept only where a test wanted them. */
    private readonly keptWhere: Map<ParsedSheet, (col: number, row: number) => boolean>,
    /** The workbook-scoped names' targets, by name. */
    private readonly targets: Map<string, NameInfo['target']>,
  ) {}

  /**
   * Opens a workbook's bytes, reading the sheets that hold its named cells and those `select`
   * names; a Danish problem when they are not a readable .xlsx or break a limit. The parts it does
   * not read are checked too (unpacked, counted and their CRC compared) unless `unread` is 'skip':
   * then they are never unpacked, and only their directory entries are checked. With `only`, a
   * sheet keeps just the cells that request reads (and the first cells of merges over them), and
   * a later read of any other cell of it throws.
   */
  static open(data: Uint8Array, select: (sheet: string) => boolean = () => false, unread: 'check' | 'skip' = 'check', only?: ReadRequest): SelectiveOpen {
    if (sniff(data) !== 'zip') return { problem: notZipProblem(data) };
    if (data.length > LIMITS.fileBytes) return { problem: TOO_BIG };
    // First the package's own parts; then, with the workbook read, the parts the reader reads.
    const first = inspectZip(data, (name) => (PACKAGE_PARTS.has(name) ? 'keep' : unread));
    if ('problem' in first) return { problem: first.problem };
    const decoder = new TextDecoder('utf-8');
    const has = (name: string) => first.entries.some((e) => e.name === name);
    const packaged = (name: string) => decoder.decode(first.entries.find((e) => e.name === name)?.data ?? new Uint8Array(0));
    if (has('mimetype') && packaged('mimetype').startsWith('application/vnd.oasis.opendocument')) return { problem: ODS };
    if (!has('xl/workbook.xml')) return { problem: has('[Content_Types].xml') ? NOT_XLSX : DAMAGED };
    if (!has('[Content_Types].xml') || !has('xl/_rels/workbook.xml.rels')) return { problem: DAMAGED };
    try {
      const workbook = parseWorkbookXml(packaged('xl/workbook.xml'));
      const rels = relationships(packaged('xl/_rels/workbook.xml.rels'), 'xl/');
      // Every sheet and the string table the workbook refers to is there.
      for (const sheet of workbook.sheets) if (!rels.has(sheet.rid) || !has(rels.get(sheet.rid)!)) return { problem: DAMAGED };
      const stringsPart = [...rels.values()].find((t) => /sharedStrings\.xml$/i.test(t));
      if (stringsPart !== undefined && !has(stringsPart)) return { problem: DAMAGED };
      const stylesPart = [...rels.values()].find((t) => /styles\.xml$/i.test(t));

      // A name of a range (a list, the scale's labels) reads no cell: its sheet is read only when selected.
      const named = new Set(workbook.names.filter((n) => n.scope === null && n.target && !n.target.range.includes(':')).map((n) => n.target!.sheet));
      const read = workbook.sheets.filter((s) => named.has(s.name) || select(s.name));
      const wanted = new Set([...read.map((s) => rels.get(s.rid)!), stringsPart, stylesPart]);
      const second = inspectZip(data, (name) => (wanted.has(name) ? 'keep' : 'skip'));
      // (The first pass checked every other part already, when asked to.)
      if ('problem' in second) return { problem: second.problem };
      const parts = new Map(second.entries.map((e) => [e.name, e.data]));
      const text = (name: string) => decoder.decode(parts.get(name) ?? new Uint8Array(0));
      const sheets = new Map<string, ParsedSheet>();
      let cells = 0;
      let maxString = -1;
      const targets = workbookTargets(workbook.names);
      const wantedOn = only ? wantedCells(only, targets) : undefined;
      const keptWhere = new Map<ParsedSheet, (col: number, row: number) => boolean>();
      for (const s of read) {
        const xml = text(rels.get(s.rid)!);
        const wantedHere = wantedOn?.(s.name);
        const test = wantedHere?.test ?? true;
        // A merge's other cells read as its first cell, which is kept too: found before the pass
        // from the merges' markup when it can be (else once more through the sheet).
        let kept = test;
        if (wantedHere && typeof test === 'function') {
          const hinted = new Set(mergeHints(xml).filter(([c1, r1, c2, r2]) => !test(c1, r1) && wantedHere.within(c1, r1, c2, r2)).map(([c1, r1]) => cellKey(c1, r1)));
          if (hinted.size > 0) kept = (col, row) => test(col, row) || hinted.has(cellKey(col, row));
        }
        let parsed = parseSheetXml(xml, kept);
        if (parsed.expanded > LIMITS.expandedCells) throw new Refused(expandedMessage(s.name, parsed.largest));
        if (wantedHere && typeof kept === 'function') {
          const before = kept;
          const masters = new Set(parsed.merges.filter(([c1, r1, c2, r2]) => !before(c1, r1) && wantedHere.within(c1, r1, c2, r2)).map(([c1, r1]) => cellKey(c1, r1)));
          if (masters.size > 0) {
            kept = (col, row) => before(col, row) || masters.has(cellKey(col, row));
            parsed = parseSheetXml(xml, kept);
          }
          keptWhere.set(parsed, kept);
        }
        cells += parsed.cells;
        if (cells > LIMITS.cells) throw new Refused(CELLS_MESSAGE);
        if (parsed.maxRow * Math.max(parsed.maxCol, 1) > LIMITS.sheetArea) throw new Refused(areaMessage(s.name, `${columnLetter(parsed.maxCol)}${parsed.maxRow}`));
        maxString = Math.max(maxString, parsed.maxString);
        sheets.set(s.name, parsed);
      }
      const strings = stringsPart !== undefined ? sharedStrings(text(stringsPart)) : [];
      // A cell that uses a shared string the file does not hold: damaged.
      if (maxString >= strings.length) return { problem: DAMAGED };
      const dates = stylesPart !== undefined && parts.has(stylesPart) ? dateStyles(text(stylesPart)) : [];
      const list = workbook.sheets.map((s) => ({ name: s.name, visible: s.visible }));
      return { workbook: new SelectiveWorkbook(list, workbook.names, sheets, strings, dates, keptWhere, targets) };
    } catch (err) {
      if (err instanceof Refused) return { problem: err.message };
      // Malformed XML (the tokenizer refuses it, and any entity it does not know).
      return { problem: DAMAGED };
    }
  }

  /** Whether a sheet was read (its cells can be asked for). */
  hasRead(sheet: string): boolean {
    return this.sheets.has(sheet);
  }

  async read(request: ReadRequest): Promise<ReadResult> {
    const cells = new Map<string, NamedCellRead>();
    for (const name of request.cells ?? []) cells.set(name, this.namedCell(name));
    return {
      sheets: request.sheets ? this.sheetList.map((s) => ({ ...s })) : [],
      names: request.names ? [...this.names] : [],
      cells,
      ranges: (request.ranges ?? []).map((r) => this.range(r)),
    };
  }

  async write(): Promise<undefined> {
    throw new Error('The selective reader reads; it does not write.');
  }

  private namedCell(name: string): NamedCellRead {
    const target = this.targets.get(name);
    if (!target) return {};
    const sheet = this.sheets.get(target.sheet);
    if (!sheet || target.range.includes(':')) return { target };
    const { col, row } = splitRef(target.range);
    return { target, cell: this.cell(sheet, col, row) };
  }

  private range(r: RangeRequest): RangeRead {
    const sheet = this.sheets.get(r.sheet);
    if (!sheet && this.sheetList.some((s) => s.name === r.sheet)) throw new Error(`The sheet ${r.sheet} was not selected for reading`);
    return readRange(r, sheet ? { col: sheet.maxCol, row: sheet.maxRow } : undefined, (col, row) => this.cell(sheet!, col, row));
  }

  /** A stored cell as the port reads it; a merged cell reads as the merge's first cell (as ExcelJS reads it). */
  private cell(sheet: ParsedSheet, col: number, row: number): CellRead {
    for (const [c1, r1, c2, r2] of sheet.merges) {
      if (col < c1 || col > c2 || row < r1 || row > r2) continue;
      if (col !== c1 || row !== r1) return this.cell(sheet, c1, r1);
      break;
    }
    const c = sheet.stored.get(cellKey(col, row));
    if (!c) {
      const kept = this.keptWhere.get(sheet);
      if (kept && !kept(col, row)) throw new Error(`The cell ${columnLetter(col)}${row} was not kept for reading`);
      return EMPTY;
    }
    if (c.f !== undefined) return { type: 'formula', formula: this.formula(sheet, c, col, row), value: cachedResult(c) };
    switch (c.t) {
      case 's':
        return { type: 'string', value: this.strings[Number(c.v)] ?? '' };
      case 'inlineStr':
        return { type: 'string', value: c.is ?? '' };
      case 'str':
        return { type: 'string', value: c.v ?? '' };
      case 'b':
        return c.v === undefined ? EMPTY : { type: 'boolean', value: c.v === '1' || c.v === 'true' };
      case 'e':
        return { type: 'error', value: c.v ?? '#VALUE!' };
      case 'd': {
        const iso = /^\d{4}-\d{2}-\d{2}/.exec(c.v ?? '')?.[0];
        return iso ? { type: 'date', value: isoToSerial(iso) } : EMPTY;
      }
      default: {
        if (c.v === undefined || c.v.trim() === '') return EMPTY;
        const n = Number(c.v);
        if (!Number.isFinite(n)) return { type: 'error', value: '#VALUE!' };
        return this.dates[c.s] ? { type: 'date', value: n } : { type: 'number', value: n };
      }
    }
  }

  private formula(sheet: ParsedSheet, c: StoredCell, col: number, row: number): string {
    if (c.si === undefined) return c.f ?? '';
    const master = sheet.shared.get(c.si);
    if (!master) return '';
    return translateFormula(master.formula, row - master.row, col - master.col);
  }
}

/** A formula's cached result: a cached 0 is 0. */
function cachedResult(c: StoredCell): CellRead['value'] {
  if (c.v === undefined) return null;
  switch (c.t) {
    case 'str':
    case 'e':
      return c.v;
    case 'b':
      return c.v === '1' || c.v === 'true';
    default: {
      if (c.v.trim() === '') return null;
      const n = Number(c.v);
      return Number.isFinite(n) ? n : null;
    }
  }
}

/** The cells a read wants on one sheet: a test of one cell, and whether it wants any in a rectangle. */
interface Wanted {
  /** true: every cell of the sheet. */
  test: true | ((col: number, row: number) => boolean);
  within(c1: number, r1: number, c2: number, r2: number): boolean;
}

/**
 * The cells a request reads, by sheet: its named cells and its ranges (a sheet with a used-range
 * request keeps every cell). Names resolve through the workbook's own names' targets.
 */
function wantedCells(request: ReadRequest, targets: Map<string, NameInfo['target']>): (sheet: string) => Wanted {
  const cells = new Map<string, { col: number; row: number }[]>();
  const boxes = new Map<string, [number, number, number, number][]>();
  const whole = new Set<string>();
  for (const name of request.cells ?? []) {
    const target = targets.get(name);
    if (!target || target.range.includes(':')) continue;
    if (!cells.has(target.sheet)) cells.set(target.sheet, []);
    cells.get(target.sheet)!.push(splitRef(target.range));
  }
  for (const r of request.ranges ?? []) {
    if (r.range === undefined) {
      whole.add(r.sheet);
      continue;
    }
    const [from, to] = r.range.split(':') as [string, string?];
    const a = splitRef(from);
    const b = to ? splitRef(to) : a;
    if (!boxes.has(r.sheet)) boxes.set(r.sheet, []);
    boxes.get(r.sheet)!.push([Math.min(a.col, b.col), Math.min(a.row, b.row), Math.max(a.col, b.col), Math.max(a.row, b.row)]);
  }
  return (sheet) => {
    const points = cells.get(sheet) ?? [];
    const rects = boxes.get(sheet) ?? [];
    const keys = new Set(points.map((p) => cellKey(p.col, p.row)));
    return {
      test: whole.has(sheet) ? true : (col, row) => keys.has(cellKey(col, row)) || rects.some(([c1, r1, c2, r2]) => col >= c1 && col <= c2 && row >= r1 && row <= r2),
      within: (c1, r1, c2, r2) =>
        whole.has(sheet) || points.some((p) => p.col >= c1 && p.col <= c2 && p.row >= r1 && p.row <= r2) || rects.some(([a1, b1, a2, b2]) => a1 <= c2 && a2 >= c1 && b1 <= r2 && b2 >= r1),
    };
  };
}

/** The workbook-scoped names' targets, by name (the first of a name given twice). */
function workbookTargets(names: NameInfo[]): Map<string, NameInfo['target']> {
  const targets = new Map<string, NameInfo['target']>();
  for (const n of names) if (n.scope === null && !targets.has(n.name)) targets.set(n.name, n.target);
  return targets;
}
