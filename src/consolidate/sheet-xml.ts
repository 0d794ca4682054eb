/**
 * One pass over a worksheet's XML (the tokenizer of xml.ts): its cells as stored (kept raw, converted only when a
 * reader asks for one), its shared formulas, and what the limits look at (cells and rows there
 * are, the used rectangle, cells covered by merges and validations, the largest shared string
 * used). The file adapter's scan of the parts a rewrite would lose runs through the same pass.
 */
import { columnLetter, splitRef } from '../workbook/description';
import { cellsIn } from './package';
import { checkText, decodeXml, parseXml, type Tag, type XmlTag } from './xml';

/** A cell as the sheet stores it. */
export interface StoredCell {
  /** The cell type attribute: s, str, inlineStr, b, e, n, d. */
  t: string;
  /** The style index. */
  s: number;
  /** The text of `<v>`; undefined when there is none. */
  v?: string;
  /** The formula text (a shared formula's dependent: resolved from its master). */
  f?: string;
  /** A shared formula's dependent: its group. */
  si?: string;
  /** An inline string's text. */
  is?: string;
}

export interface SheetScan {
  /** The largest shared string index a cell uses (-1 when none; Infinity when one is no number). */
  maxString: number;
  /** Cells covered by merges and data validations. */
  expanded: number;
  /** The largest merge or validation range, for the message. */
  largest: string;
  /** The bottom-right corner of the cells and rows there are. */
  maxRow: number;
  maxCol: number;
  /** The cells and rows there are. */
  cells: number;
}

export interface ParsedSheet extends SheetScan {
  /** The cells by `cellKey` of their column and row (empty unless asked for). */
  stored: Map<number, StoredCell>;
  /** Each shared formula's master: its text and where it is. */
  shared: Map<string, { formula: string; col: number; row: number }>;
  /** The merged ranges (first and last column and row), when the cells are kept. */
  merges: [number, number, number, number][];
}

/** A cell's key in `stored`: its column and row as one number. */
export const cellKey = (col: number, row: number) => row * 16_384 + col;

/** Sees every element of the sheet as it opens and closes, with its ancestors' local names. */
export interface SheetVisitor {
  open(local: string, path: readonly string[], tag: XmlTag): void;
  close?(local: string, path: readonly string[]): void;
}


/** The column and row `cellAddress` read last. */
const address = { col: 0, row: 0 };

/** Reads "C3" (from `from` to `to` of `text`) into `address`; false when it is no cell address on the grid's letters. */
function cellAddress(text: string, from: number, to: number): boolean {
  let col = 0;
  let i = from;
  for (; i < to && i < from + 4; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  if (i === from || i > from + 3 || i === to) return false;
  let row = 0;
  for (let j = i; j < to; j++) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) return false;
    row = row * 10 + c - 48;
  }
  address.col = col;
  address.row = row;
  return true;
}

/** Whether an attribute's value (from `from` to `to`) holds a reference, so that it must be decoded to be read. */
function referring(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (xml.charCodeAt(i) === 38 /* & */) return true;
  return false;
}

/** A tag's attribute as a cell address, into `address`, read in place (decoded first only when it holds a reference). */
function addressAttribute(tag: Tag, name: string): boolean {
  const k = tag.find(name);
  if (k < 0) return false;
  const { xml, spans } = tag;
  const from = spans[k + 2]!;
  const to = spans[k + 3]!;
  if (!referring(xml, from, to)) return cellAddress(xml, from, to);
  const decoded = decodeXml(xml.slice(from, to));
  return cellAddress(decoded, 0, decoded.length);
}

/** A row's number: its r attribute, read in place when it is plain digits, else as Number reads it; 0 when none or no number. */
function rowAttribute(tag: Tag): number {
  const k = tag.find('r');
  if (k < 0) return 0;
  const { xml, spans } = tag;
  const from = spans[k + 2]!;
  const to = spans[k + 3]!;
  let row = 0;
  for (let i = from; i < to; i++) {
    const c = xml.charCodeAt(i);
    if (c < 48 || c > 57 || i >= from + 9) return Number(decodeXml(xml.slice(from, to))) || 0;
    row = row * 10 + c - 48;
  }
  return row;
}

/** Whether a tag's attribute is exactly "s" (a shared string cell), read in place. */
function sharedStringType(tag: Tag): boolean {
  const k = tag.find('t');
  if (k < 0) return false;
  const { xml, spans } = tag;
  const from = spans[k + 2]!;
  const to = spans[k + 3]!;
  if (to - from === 1) return xml.charCodeAt(from) === 115 /* s */;
  return referring(xml, from, to) && decodeXml(xml.slice(from, to)) === 's';
}

/** Which cells a parse keeps: all, none (the scan only), or those a test of column and row wants. */
export type KeepCells = boolean | ((col: number, row: number) => boolean);

/** Parses a worksheet; throws on malformed XML. */
export function parseSheetXml(xml: string, keepCells: KeepCells, visitor?: SheetVisitor): ParsedSheet {
  // A cell not kept is read into one scratch object (its shared string and shared formula still count).
  const scratch: StoredCell = { t: 'n', s: 0, v: undefined, f: undefined, si: undefined, is: undefined };
  let kept = false;
  const sheet: ParsedSheet = { maxString: -1, expanded: 0, largest: '', maxRow: 0, maxCol: 0, cells: 0, stored: new Map(), shared: new Map(), merges: [] };
  let largestCells = 0;
  const count = (ref: string) => {
    const n = cellsIn(ref);
    sheet.expanded += n;
    if (n > largestCells) {
      largestCells = n;
      sheet.largest = ref;
    }
  };
  const path: string[] = [];
  let row = 0;
  let col = 0;
  let cell: StoredCell | undefined;
  let sharedMaster: { si: string } | undefined;
  // What text goes where: the value, the formula, an inline string's text (not its phonetic runs).
  let into: 'v' | 'f' | 'is' | undefined;
  let phonetic = 0;
  /**
   * A cell not kept, in the shape Excel and ExcelJS write most cells, <f>text</f> then
   * <v>text</v>, either optional, then </c> (no prefix, attributes or spaces): read in place from
   * where its tag ends, its texts checked as the tokenizer checks them, and counted for the
   * shared string it uses. Where it ends; -1 for any other shape (read tag by tag then).
   */
  const skipCell = (from: number, sharedString: boolean): number => {
    let i = from;
    if (xml.startsWith('<f>', i)) {
      const lt = xml.indexOf('<', i + 3);
      if (lt < 0 || !xml.startsWith('</f>', lt)) return -1;
      checkText(xml, i + 3, lt);
      i = lt + 4;
    }
    let value = -1;
    let valueEnd = -1;
    if (xml.startsWith('<v>', i)) {
      const lt = xml.indexOf('<', i + 3);
      if (lt < 0 || !xml.startsWith('</v>', lt)) return -1;
      checkText(xml, i + 3, lt);
      value = i + 3;
      valueEnd = lt;
      i = lt + 4;
    }
    if (!xml.startsWith('</c>', i)) return -1;
    if (sharedString && value >= 0) {
      // The index as Number reads the text: in place when it is a few digits.
      let index = 0;
      for (let j = value; j < valueEnd; j++) {
        const c = xml.charCodeAt(j);
        if (c < 48 || c > 57 || j >= value + 9) {
          index = Number(decodeXml(xml.slice(value, valueEnd)));
          break;
        }
        index = index * 10 + c - 48;
      }
      sheet.maxString = Number.isInteger(index) ? Math.max(sheet.maxString, index) : Infinity;
    }
    return i + 4;
  };
  const open = (tag: Tag, selfClosing: boolean) => {
    const local = tag.local;
    visitor?.open(local, path, tag);
    const depth = path.length;
    if (local === 'row' && depth === 2) {
      sheet.cells++;
      const r = rowAttribute(tag) || row + 1;
      row = r;
      if (r > sheet.maxRow) sheet.maxRow = r;
      col = 0;
    } else if (local === 'c' && depth === 3) {
      sheet.cells++;
      // The address, the type and the style are read in place: most cells are not kept.
      if (addressAttribute(tag, 'r')) {
        col = address.col;
        row = address.row;
      } else {
        col++;
      }
      if (col > sheet.maxCol) sheet.maxCol = col;
      if (row > sheet.maxRow) sheet.maxRow = row;
      kept = keepCells === true || (keepCells !== false && keepCells(col, row));
      // Every field from the start (one shape for all cells; none is deleted later).
      if (kept) cell = { t: tag.attribute('t') ?? 'n', s: Number(tag.attribute('s') ?? 0) || 0, v: undefined, f: undefined, si: undefined, is: undefined };
      else {
        // A cell not kept counts only for the shared strings it uses (and a shared formula's master).
        cell = scratch;
        scratch.t = sharedStringType(tag) ? 's' : 'n';
        scratch.v = scratch.f = scratch.si = scratch.is = undefined;
        // (A visitor sees every element: it gets no shortcut.)
        if (!selfClosing && !visitor && tag.name === 'c') {
          const end = skipCell(tag.end, scratch.t === 's');
          if (end >= 0) {
            cell = undefined;
            tag.resume = end;
            return;
          }
        }
      }
    } else if (cell && depth === 4 && local === 'v') {
      into = 'v';
      cell.v = '';
    } else if (cell && depth === 4 && local === 'f') {
      into = 'f';
      cell.f = '';
      if (tag.attribute('t') === 'shared' && tag.attribute('si') !== undefined) {
        cell.si = tag.attribute('si');
        if (tag.attribute('ref') !== undefined) sharedMaster = { si: tag.attribute('si')! };
      }
    } else if (cell && local === 'rPh') {
      phonetic++;
    } else if (cell && local === 't' && path[path.length - 1] !== 'rPh' && phonetic === 0 && path.includes('is')) {
      into = 'is';
      cell.is ??= '';
    } else if (local === 'mergeCell') {
      count(tag.attribute('ref') ?? '');
      const m = keepCells !== false ? /^\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)$/.exec(tag.attribute('ref') ?? '') : null;
      if (m) {
        const [a, b] = [splitRef(`${m[1]}${m[2]}`), splitRef(`${m[3]}${m[4]}`)];
        sheet.merges.push([a.col, a.row, b.col, b.row]);
      }
    } else if (local === 'dataValidation' && depth === 2 && path[1] === 'dataValidations') {
      count(tag.attribute('sqref') ?? '');
    }
    path.push(local);
  };
  const text = (text: string) => {
    if (!cell || into === undefined) return;
    if (into === 'v') cell.v += text;
    else if (into === 'f') cell.f += text;
    else cell.is += text;
  };
  const close = (_name: string, local: string) => {
    path.pop();
    visitor?.close?.(local, path);
    if (local === 'rPh') phonetic--;
    if (into === 'v' && local === 'v') into = undefined;
    else if (into === 'is' && local === 't') into = undefined;
    else if (into === 'f' && local === 'f') {
      into = undefined;
      if (sharedMaster && cell) sheet.shared.set(sharedMaster.si, { formula: cell.f ?? '', col, row });
      sharedMaster = undefined;
    } else if (local === 'c' && cell) {
      if (cell.t === 's' && cell.v !== undefined) {
        const index = Number(cell.v);
        sheet.maxString = Number.isInteger(index) ? Math.max(sheet.maxString, index) : Infinity;
      }
      // A dependent of a shared formula holds no text of its own.
      if (cell.f === '' && cell.si === undefined) cell.f = undefined;
      if (cell.f !== undefined && cell.si !== undefined && cell.f !== '') cell.si = undefined;
      if (kept) sheet.stored.set(cellKey(col, row), cell);
      cell = undefined;
    }
  };
  parseXml(xml, { open, close, text });
  return sheet;
}

/**
 * The merged ranges a sheet lists, found by their markup alone (`mergeCell ` then a ref
 * attribute before the tag's end), without reading the sheet: a hint of which cells a pass must
 * keep, never the merges the sheet is read with (a comment can hold such markup, and an unusual
 * spelling is missed).
 */
export function mergeHints(xml: string): [number, number, number, number][] {
  const found: [number, number, number, number][] = [];
  for (let at = xml.indexOf('mergeCell '); at >= 0; at = xml.indexOf('mergeCell ', at + 10)) {
    const end = xml.indexOf('>', at);
    if (end < 0) break;
    const m = /\sref\s*=\s*["']\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})["']/.exec(xml.slice(at + 9, end));
    if (m) {
      const a = splitRef(`${m[1]}${m[2]}`);
      const b = splitRef(`${m[3]}${m[4]}`);
      found.push([a.col, a.row, b.col, b.row]);
    }
  }
  return found;
}

/**
 * A shared formula moved from its master to another cell, as Excel fills it: every relative
 * reference shifted by the distance (an absolute row or column, marked with $, stays).
 */
export function translateFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  // Outside string literals only; a reference is not part of a longer name or a function call.
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(/(?<![A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)(\d+)(?![A-Za-z0-9_(])/g, (whole, colAbs: string, letters: string, rowAbs: string, digits: string) => {
            const c = colAbs ? splitRef(`${letters}1`).col : splitRef(`${letters}1`).col + cols;
            const r = rowAbs ? Number(digits) : Number(digits) + rows;
            if (c < 1 || r < 1) return whole;
            return `${colAbs}${columnLetter(c)}${rowAbs}${r}`;
          }),
    )
    .join('');
}
