/**
 * A workbook described as plain data: sheets, cells (value or formula with its cached result),
 * styles, defined names, validation and protection. Pure: the xlsx writer and the Office.js
 * adapter are each a short loop over it.
 */
import type { FormulaValue } from '../scoring/excel';

export type BaseStyleId =
  | 'title'
  | 'intro'
  | 'heading'
  | 'tableHeader'
  | 'group'
  | 'label'
  | 'labelStrong'
  | 'text'
  | 'note'
  | 'input'
  | 'inputText'
  | 'result'
  | 'resultStrong'
  | 'rubric'
  | 'textIndented';
/** A style, or its small variant (`smallStyle`): the summary's, which prints on one page. */
export type StyleId = BaseStyleId | `${BaseStyleId}Small`;

/** How a style looks, as plain data: each writer (ExcelJS, Office.js) maps it in a few lines. */
export interface StyleDef {
  font: { size: number; bold?: boolean; italic?: boolean; color?: string };
  /** Background colour, RGB hex. */
  fill?: string;
  /** A thin grey border all round. */
  border?: boolean;
  wrap?: boolean;
  valign?: 'top' | 'middle';
  /** Indent from the left (characters): keeps text clear of a right-aligned number beside it. */
  indent?: number;
}

export const FONT_NAME = 'Calibri';
export const BORDER_COLOR = 'BFBFBF';
/** Fill of a highlighted cell (conditional format). */
export const HIGHLIGHT_FILL = 'C6EFCE';

const BASE_STYLES: Record<BaseStyleId, StyleDef> = {
  title: { font: { size: 16, bold: true, color: '1F4E79' } },
  intro: { font: { size: 11 }, wrap: true, valign: 'top' },
  heading: { font: { size: 13, bold: true, color: '1F4E79' } },
  tableHeader: { font: { size: 11, bold: true, color: 'FFFFFF' }, fill: '1F4E79', wrap: true, valign: 'middle', border: true },
  group: { font: { size: 12, bold: true, color: '1F4E79' }, fill: 'DDEBF7', border: true, wrap: true, valign: 'middle' },
  label: { font: { size: 11 }, wrap: true, valign: 'top', border: true },
  labelStrong: { font: { size: 11, bold: true }, wrap: true, valign: 'top', border: true },
  text: { font: { size: 11 }, wrap: true, valign: 'top' },
  note: { font: { size: 10, italic: true, color: '595959' }, wrap: true, valign: 'top' },
  input: { font: { size: 11 }, fill: 'FFF2CC', border: true, valign: 'top' },
  inputText: { font: { size: 11 }, fill: 'FFF2CC', border: true, wrap: true, valign: 'top' },
  result: { font: { size: 11 }, fill: 'F2F2F2', border: true, valign: 'top' },
  resultStrong: { font: { size: 14, bold: true }, fill: 'F2F2F2', border: true, valign: 'middle' },
  rubric: { font: { size: 10 }, wrap: true, valign: 'top', border: true },
  textIndented: { font: { size: 11 }, wrap: true, valign: 'top', indent: 1 },
};

/**
 * The smallest font of a small style: the summary fits one A4 page at a scale of at least 8/9, so
 * its text prints at 8 pt or more (issue 11).
 */
export const SMALL_FONT_MIN = 9;
/** A style's small variant: two points smaller, and never below SMALL_FONT_MIN (a small style is its own). */
export const smallStyle = (id: StyleId): StyleId => (id.endsWith('Small') ? id : `${id as BaseStyleId}Small`);

export const STYLES = Object.fromEntries(
  Object.entries(BASE_STYLES).flatMap(([id, def]) => [
    [id, def],
    [`${id}Small`, { ...def, font: { ...def.font, size: Math.max(SMALL_FONT_MIN, def.font.size - 2) } }],
  ]),
) as Record<StyleId, StyleDef>;

/**
 * A printed sheet's margins, in inches: 'normal', narrow already so that a sheet scaled to the
 * page's width keeps its text large, and 'narrow' for the summary's one page (it prints no header
 * or footer).
 */
export const MARGINS = {
  normal: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  narrow: { left: 0.3, right: 0.3, top: 0.3, bottom: 0.3, header: 0.15, footer: 0.15 },
} as const;

/** The prefix of every chart the add-in draws: how a file's charts are told to be the add-in's. */
export const CHART_NAME_PREFIX = 'Parathed_';

/**
 * A native chart, drawn by the Office adapter beside the cells (its anchor covers no cell the
 * sheet describes), live on the ranges it shows; the file writer cannot draw native charts
 * (ExcelJS) and draws the in-cell bars of `fallback` instead, which the Office adapter draws too,
 * so the printed page shows them either way.
 */
export interface ChartSpec {
  /** The chart's name in the workbook: CHART_NAME_PREFIX and an id ("Parathed_Vurderinger"). */
  name: string;
  /** "bar": horizontal bars; "column": vertical columns. */
  kind: 'bar' | 'column';
  title: string;
  /** The category labels: a range on this sheet ("F20:F29") or on another ("'Score'!B4:B13"). */
  categories: string;
  /** One series a range of the same size as the categories (this sheet or another). */
  series: { name: string; values: string }[];
  /** The cells the chart lies over, top-left to bottom-right ("P4:T12"). */
  anchor: string;
  /** The value axis: bounds, the step between gridlines, and the number format of axis and labels. */
  axis: { min?: number; max?: number; majorUnit?: number; numFmt?: string };
  /** In-cell bars over the same figures: the file's chart, and the printed page's. */
  fallback: DataBarSpec[];
}

export type ValidationSpec =
  | { kind: 'list'; source: string; prompt: string; error: string }
  | { kind: 'whole' | 'decimal'; min: number; max?: number; prompt: string; error: string }
  | { kind: 'textLength'; max: number; prompt: string; error: string }
  /** A date between two dates ("2000-01-01"). */
  | { kind: 'date'; min: string; max: string; prompt: string; error: string };

export interface CellSpec {
  /** A1 address on its sheet. */
  ref: string;
  value?: string | number | null;
  /** Formula text without the leading "=". */
  formula?: string;
  /** The value the formula gives, computed by the TypeScript mirror and stored as the cached result. */
  result?: FormulaValue;
  style: StyleId;
  numFmt?: string;
  /** Workbook-level defined name of this cell. */
  name?: string;
  /** Input cells are left unlocked on a protected sheet. */
  input?: boolean;
  validation?: ValidationSpec;
}

/** Highlight a cell when a formula (relative to it) is true. */
export interface HighlightSpec {
  range: string;
  formula: string;
  /** RGB hex of the fill; the standard highlight when absent. */
  fill?: string;
}

/** In-cell bars for the numbers of a range, scaled from min to max (the range's own when absent). */
export interface DataBarSpec {
  range: string;
  min?: number;
  max?: number;
  /** RGB hex, e.g. "5B9BD5". */
  color: string;
}

/** An Excel table (a list object) over a range whose first row holds its column headers. */
export interface TableSpec {
  /** The table's name (letters, digits and _; unique in the workbook). */
  name: string;
  /** "A1:AN99": the header row and the data rows. */
  range: string;
}

/** A colour scale over the numbers of a range, from the colour at `min` through `mid` to `max` (RGB hex). */
export interface ColorScaleSpec {
  range: string;
  min: { value: number; color: string };
  mid: { value: number; color: string };
  max: { value: number; color: string };
}

export interface SheetSpec {
  name: string;
  /** Column widths in characters, from column A. */
  columns: number[];
  rowHeights: Record<number, number>;
  cells: CellSpec[];
  merges: string[];
  highlights: HighlightSpec[];
  dataBars: DataBarSpec[];
  charts: ChartSpec[];
  hidden: boolean;
  /**
   * Printed on A4: scaled to one page, to one page wide (as many tall as it takes), or at full
   * size over as many pages as it takes; `titleRows` ("4:4") and `titleColumns` ("A:A") repeat on
   * every page; `margins` are MARGINS' normal ones unless told.
   */
  print: { paper: 'A4'; orientation: 'landscape' | 'portrait'; fit: 'page' | 'width' | 'none'; area?: string; titleRows?: string; titleColumns?: string; margins?: keyof typeof MARGINS };
  /** Rows kept in view at the top when scrolling. */
  frozenRows: number;
  tabColor?: string;
  /** Excel tables on the sheet. */
  tables?: TableSpec[];
  colorScales?: ColorScaleSpec[];
  /** Left unprotected (a sheet to sort and filter); sheets are protected unless told. */
  unprotected?: boolean;
}

export interface RangeName {
  name: string;
  sheet: string;
  range: string;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** Defined names over ranges (cell names are on the cells). */
  rangeNames: RangeName[];
}

/** `'Sheet name'!$B$3` or `'Sheet name'!$A$1:$A$9` */
export function absoluteRef(sheet: string, ref: string): string {
  const abs = ref
    .split(':')
    .map((part) => part.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
    .join(':');
  return `'${sheet.replace(/'/g, "''")}'!${abs}`;
}

/**
 * The sheet and range a reference points at ("'Kommune'!$C$3" → Kommune, C3), when it points at
 * one cell or one rectangle on one sheet; undefined for anything else (#REF!, constants, lists).
 */
export function parseReference(text: string): { sheet: string; range: string } | undefined {
  const m = /^(?:'((?:[^']|'')+)'|([^'!:]+))!\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]!;
  const from = `${m[3]}${m[4]}`;
  return { sheet, range: m[5] ? `${from}:${m[5]}${m[6]}` : from };
}

export function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The column number of a column letter ("A" = 1). */
export function colIndex(letter: string): number {
  let n = 0;
  for (let i = 0; i < letter.length; i++) n = n * 26 + letter.charCodeAt(i) - 64;
  return n;
}

/** "C4" as its column number and row: capital letters, then digits, nothing else. */
export function splitRef(ref: string): { col: number; row: number } {
  let i = 0;
  let col = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  const digits = i;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) break;
  }
  if (digits === 0 || i === digits || i !== ref.length) throw new Error(`Not a cell address: ${ref}`);
  return { col, row: Number(ref.slice(digits)) };
}

/** Builds one sheet row by row. */
export class SheetBuilder {
  readonly spec: SheetSpec;
  row = 1;

  constructor(name: string, columns: number[], opts: { hidden?: boolean; tabColor?: string } = {}) {
    this.spec = {
      name,
      columns,
      rowHeights: {},
      cells: [],
      merges: [],
      highlights: [],
      dataBars: [],
      charts: [],
      hidden: opts.hidden ?? false,
      print: { paper: 'A4', orientation: 'landscape', fit: 'width' },
      frozenRows: 0,
      ...(opts.tabColor ? { tabColor: opts.tabColor } : {}),
    };
  }

  /** Puts a cell in column `col` (1 = A) of the current row and returns its address. */
  put(col: number, cell: Omit<CellSpec, 'ref'>): string {
    const ref = `${columnLetter(col)}${this.row}`;
    this.spec.cells.push({ ref, ...cell });
    return ref;
  }

  text(col: number, value: string, style: StyleId = 'text'): string {
    return this.put(col, { value, style });
  }

  merge(fromCol: number, toCol: number): void {
    this.spec.merges.push(`${columnLetter(fromCol)}${this.row}:${columnLetter(toCol)}${this.row}`);
  }

  height(points: number): void {
    this.spec.rowHeights[this.row] = points;
  }

  next(rows = 1): void {
    this.row += rows;
  }
}
