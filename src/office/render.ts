/// <reference types="office-js" />
/**
 * The described workbook (src/workbook/description.ts) as Office.js operations: the same loop
 * over the description as the ExcelJS file writer, queued on a request context. Each operation
 * carries an estimate of the bytes it adds to the request, so that a long write can be cut into
 * batches under Excel on the web's request limit.
 */
import { BORDER_COLOR, FONT_NAME, HIGHLIGHT_FILL, STYLES, columnLetter, type CellSpec, type ColorScaleSpec, type DataBarSpec, type SheetSpec, type StyleDef, type TableSpec, type ValidationSpec } from '../workbook/description';
import { blockRuns, parseCell } from './a1';

/** The request context an operation is queued on, with the worksheet proxies already made. */
export class Session {
  private readonly sheets = new Map<string, Excel.Worksheet>();
  constructor(readonly ctx: Excel.RequestContext) {}

  sheet(name: string): Excel.Worksheet {
    let ws = this.sheets.get(name);
    if (!ws) {
      ws = this.ctx.workbook.worksheets.getItem(name);
      this.sheets.set(name, ws);
    }
    return ws;
  }

  added(name: string, ws: Excel.Worksheet): void {
    this.sheets.set(name, ws);
  }

  forget(name: string): void {
    this.sheets.delete(name);
  }
}

export interface Op {
  /** Estimated bytes the operation adds to the request. */
  size: number;
  /** The existing, protected sheet it writes to: unprotected and protected again around its batch. */
  protectedSheet?: string;
  apply(s: Session): void;
}

/** Per queued call: object path, method or property name, ids. */
const OP_OVERHEAD = 120;

export function op(payload: unknown, apply: (s: Session) => void, extra: Partial<Op> = {}): Op {
  return { size: OP_OVERHEAD + JSON.stringify(payload ?? null).length, apply, ...extra };
}

/** A string Excel would not keep as typed (a formula, a sign, a number, a date, a truth value): written with number format "@" first. */
export function needsTextFormat(text: string): boolean {
  const t = text.trim();
  if (t === '') return false;
  if (/^[=+\-@]/.test(text)) return true;
  if (/^(true|false|sand|falsk)$/i.test(t)) return true;
  if (/^#[A-Z0-9/!?]+$/i.test(t)) return true; // looks like an error value (#N/A)
  // Anything Excel might read as a number, a percentage, a currency amount, a date or a time.
  return /^[\d\s.,:/%()$€£-]+(kr\.?)?$/i.test(t) || /^\d{1,4}[-./ ]\w{3,9}([-./ ]\d{1,4})?$/.test(t);
}

const hex = (rgb: string) => `#${rgb}`;

/** Excel's column width in points for a width in characters (Calibri 11: 7 px a character, 5 px padding). */
export function columnPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

/** The style's properties, set on a rectangle of cells (`rows` by `columns`). */
function styleOps(ws: string, range: string, def: StyleDef, rows: number, columns: number): Op {
  const edges: ('EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal')[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
  if (columns > 1) edges.push('InsideVertical');
  if (rows > 1) edges.push('InsideHorizontal');
  const payload = { range, def, edges };
  // A new sheet's cells are not bold, italic or wrapped and have no fill: only what differs is set.
  const sets = 2 + [def.font.bold, def.font.italic, def.font.color, def.fill, def.wrap, def.valign].filter(Boolean).length + (def.border ? edges.length * 3 : 0);
  return {
    size: OP_OVERHEAD * (2 + sets) + JSON.stringify(payload).length,
    apply(s) {
      const f = s.sheet(ws).getRange(range).format;
      // The font name too: a new workbook's default font is not Calibri in every Excel.
      f.font.name = FONT_NAME;
      f.font.size = def.font.size;
      if (def.font.bold) f.font.bold = true;
      if (def.font.italic) f.font.italic = true;
      if (def.font.color) f.font.color = hex(def.font.color);
      if (def.fill) f.fill.color = hex(def.fill);
      if (def.wrap) f.wrapText = true;
      if (def.indent) f.indentLevel = def.indent;
      if (def.valign) f.verticalAlignment = def.valign === 'top' ? 'Top' : 'Center';
      if (def.border) {
        for (const edge of edges) {
          const b = f.borders.getItem(edge);
          b.style = 'Continuous';
          b.weight = 'Thin';
          b.color = hex(BORDER_COLOR);
        }
      }
    },
  };
}

/** The Office.js data validation rule of a described validation. */
export function validationRule(v: ValidationSpec): Excel.DataValidationRule {
  switch (v.kind) {
    case 'list':
      // A literal list is quoted in the description ("1,2,3,4"); anything else is a range name or reference.
      return { list: { inCellDropDown: true, source: /^".*"$/.test(v.source) ? v.source.slice(1, -1) : `=${v.source}` } };
    case 'textLength':
      return { textLength: { operator: 'LessThanOrEqualTo', formula1: v.max } };
    case 'date':
      return { date: { operator: 'Between', formula1: v.min, formula2: v.max } };
    default: {
      const basic: Excel.BasicDataValidation =
        v.max === undefined ? { operator: 'GreaterThanOrEqualTo', formula1: v.min } : { operator: 'Between', formula1: v.min, formula2: v.max };
      return v.kind === 'whole' ? { wholeNumber: basic } : { decimal: basic };
    }
  }
}

function validationOp(ws: string, ref: string, v: ValidationSpec): Op {
  return op({ ref, v }, (s) => {
    const dv = s.sheet(ws).getRange(ref).dataValidation;
    dv.clear();
    dv.ignoreBlanks = true;
    dv.rule = validationRule(v);
    dv.prompt = { showPrompt: true, title: 'Parathedsvurdering', message: v.prompt };
    dv.errorAlert = { showAlert: true, style: 'Stop', title: 'Ugyldig værdi', message: v.error };
  }, { size: OP_OVERHEAD * 6 + JSON.stringify({ ref, v }).length });
}

/** A three-colour scale over a range's numbers (ExcelApi 1.6). */
function colorScaleOp(ws: string, c: ColorScaleSpec): Op {
  return op(c, (s) => {
    const cf = s.sheet(ws).getRange(c.range).conditionalFormats.add('ColorScale');
    const point = (p: ColorScaleSpec['min']) => ({ type: 'Number' as const, formula: String(p.value), color: hex(p.color) });
    cf.colorScale.criteria = { minimum: point(c.min), midpoint: point(c.mid), maximum: point(c.max) };
  }, { size: OP_OVERHEAD * 3 + JSON.stringify(c).length });
}

/** An Excel table over cells already written, its first row the headers. */
function tableOp(ws: string, t: TableSpec): Op {
  return op(t, (s) => {
    const table = s.sheet(ws).tables.add(t.range, true);
    table.name = t.name;
  }, { size: OP_OVERHEAD * 3 + JSON.stringify(t).length });
}

function dataBarOp(ws: string, d: DataBarSpec): Op {
  return op(d, (s) => {
    // Several areas ("C5 D5 E5") get one rule each (ExcelApi 1.8 has no multi-area ranges):
    // the same bars as the file's when the description gives min and max, as a chart's does.
    for (const area of d.range.split(/\s+/)) {
      const cf = s.sheet(ws).getRange(area).conditionalFormats.add('DataBar');
      cf.dataBar.lowerBoundRule = d.min === undefined ? { type: 'LowestValue' } : { type: 'Number', formula: String(d.min) };
      cf.dataBar.upperBoundRule = d.max === undefined ? { type: 'HighestValue' } : { type: 'Number', formula: String(d.max) };
      cf.dataBar.positiveFormat.fillColor = hex(d.color);
      cf.dataBar.positiveFormat.gradientFill = false;
    }
  }, { size: OP_OVERHEAD * 6 + JSON.stringify(d).length });
}

/** What a described cell holds, as one entry of a `formulas` array: "=…" for a formula, else the value. */
function formulaEntry(c: CellSpec): string | number {
  if (c.formula !== undefined) return `=${c.formula}`;
  if (c.value === null || c.value === undefined) return '';
  return c.value;
}

/** The number format a described cell gets: "@" for text Excel would otherwise parse. */
function numberFormatOf(c: CellSpec): string {
  if (c.formula === undefined && typeof c.value === 'string' && needsTextFormat(c.value)) return '@';
  return c.numFmt ?? 'General';
}

/**
 * The contents of a sheet just added (empty, unprotected): sizes, values and formulas, number
 * formats, styles, locking, merges and conditional formats. Validation and protection come
 * later (see `finishSheetOps`), after the names they may refer to exist.
 */
export function sheetContentOps(sheet: SheetSpec): Op[] {
  const ws = sheet.name;
  const ops: Op[] = [];
  sheet.columns.forEach((width, i) => {
    const col = columnLetter(i + 1);
    ops.push(op({ col, width }, (s) => {
      s.sheet(ws).getRange(`${col}:${col}`).format.columnWidth = columnPoints(width);
    }));
  });
  for (const [row, height] of Object.entries(sheet.rowHeights)) {
    ops.push(op({ row, height }, (s) => {
      s.sheet(ws).getRange(`${row}:${row}`).format.rowHeight = height;
    }));
  }
  const pos = (c: CellSpec) => parseCell(c.ref);
  for (const block of blockRuns(sheet.cells, pos)) {
    const formats = block.rows.map((row) => row.map(numberFormatOf));
    const entries = block.rows.map((row) => row.map(formulaEntry));
    if (formats.some((row) => row.some((f) => f !== 'General'))) {
      ops.push(op({ r: block.range, formats }, (s) => {
        s.sheet(ws).getRange(block.range).numberFormat = formats;
      }));
    }
    ops.push(op({ r: block.range, entries }, (s) => {
      s.sheet(ws).getRange(block.range).formulas = entries;
    }));
  }
  for (const block of blockRuns(sheet.cells, pos, (a, b) => a.style === b.style)) {
    ops.push(styleOps(ws, block.range, STYLES[block.rows[0]![0]!.style], block.rows.length, block.rows[0]!.length));
  }
  for (const block of blockRuns(sheet.cells.filter((c) => c.input), pos)) {
    ops.push(op({ r: block.range }, (s) => {
      s.sheet(ws).getRange(block.range).format.protection.locked = false;
    }));
  }
  for (const m of sheet.merges) {
    ops.push(op({ m }, (s) => {
      s.sheet(ws).getRange(m).merge(false);
    }));
  }
  for (const h of sheet.highlights) {
    ops.push(op(h, (s) => {
      const cf = s.sheet(ws).getRange(h.range).conditionalFormats.add('Custom');
      cf.custom.rule.formula = `=${h.formula}`;
      cf.custom.format.fill.color = hex(h.fill ?? HIGHLIGHT_FILL);
      cf.custom.format.font.bold = true;
    }, { size: OP_OVERHEAD * 5 + JSON.stringify(h).length }));
  }
  for (const d of [...sheet.dataBars, ...sheet.charts.flatMap((c) => c.fallback)]) ops.push(dataBarOp(ws, d));
  for (const c of sheet.colorScales ?? []) ops.push(colorScaleOp(ws, c));
  for (const t of sheet.tables ?? []) ops.push(tableOp(ws, t));
  return ops;
}

/** The protection options of the template's sheets (the file writer's: select any cell, format rows and columns). */
export const SHEET_PROTECTION: Excel.WorksheetProtectionOptions = { allowFormatColumns: true, allowFormatRows: true, selectionMode: 'Normal' };

/** Validation of the sheet's cells. */
export function validationOps(sheet: SheetSpec): Op[] {
  return sheet.cells.filter((c) => c.validation).map((c) => validationOp(sheet.name, c.ref, c.validation!));
}

/** Frozen rows, tab colour, visibility and protection: the last touches of a sheet. */
export function finishSheetOps(sheet: SheetSpec): Op[] {
  const ws = sheet.name;
  return [
    op({ ws, frozen: sheet.frozenRows, tab: sheet.tabColor, hidden: sheet.hidden }, (s) => {
      const w = s.sheet(ws);
      if (sheet.frozenRows) w.freezePanes.freezeRows(sheet.frozenRows);
      if (sheet.tabColor) w.tabColor = hex(sheet.tabColor);
      if (sheet.hidden) w.visibility = 'Hidden';
      // Protected without a password, input cells unlocked: a user can unprotect deliberately.
      // A sheet to sort and filter (the overview) stays unprotected.
      if (!sheet.unprotected) w.protection.protect(SHEET_PROTECTION);
    }, { size: OP_OVERHEAD * 5 }),
  ];
}
