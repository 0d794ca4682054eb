/**
 * Renders a described sheet with ExcelJS: values and formulas with their cached results, styles,
 * number formats, column widths and row heights, merges, validation, conditional highlights,
 * in-cell data bars (a chart's fallback: ExcelJS cannot write native charts), colour scales,
 * Excel tables, print setup, frozen rows and protection without a password (input cells
 * unlocked) unless the sheet is to be sorted and filtered.
 */
import type ExcelJS from 'exceljs';
import { fileFormula } from '../scoring/formulas';
import { BORDER_COLOR, FONT_NAME, HIGHLIGHT_FILL, MARGINS, STYLES, absoluteRef, splitRef, type CellSpec, type ColorScaleSpec, type DataBarSpec, type SheetSpec, type StyleDef, type StyleId, type TableSpec, type ValidationSpec } from '../workbook/description';

const argb = (rgb: string) => `FF${rgb}`;

/** The described style as ExcelJS's. */
function excelStyle(def: StyleDef): Partial<ExcelJS.Style> {
  const thin = { style: 'thin' as const, color: { argb: argb(BORDER_COLOR) } };
  return {
    font: { name: FONT_NAME, size: def.font.size, ...(def.font.bold ? { bold: true } : {}), ...(def.font.italic ? { italic: true } : {}), ...(def.font.color ? { color: { argb: argb(def.font.color) } } : {}) },
    ...(def.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(def.fill) } } as ExcelJS.Fill } : {}),
    ...(def.border ? { border: { top: thin, left: thin, bottom: thin, right: thin } } : {}),
    ...(def.wrap || def.valign || def.indent ? { alignment: { ...(def.wrap ? { wrapText: true } : {}), ...(def.valign ? { vertical: def.valign } : {}), ...(def.indent ? { indent: def.indent } : {}) } } : {}),
  };
}
const EXCEL_STYLES = Object.fromEntries(Object.entries(STYLES).map(([id, def]) => [id, excelStyle(def)])) as Record<StyleId, Partial<ExcelJS.Style>>;

/** Data bars over a range (ExcelJS cannot draw native charts: this is how charts are drawn in files). */
function addDataBars(ws: ExcelJS.Worksheet, d: DataBarSpec): void {
  ws.addConditionalFormatting({
    ref: d.range,
    rules: [
      {
        type: 'dataBar',
        priority: 1,
        gradient: false,
        minLength: 0,
        maxLength: 100,
        cfvo: [d.min === undefined ? { type: 'min' } : { type: 'num', value: d.min }, d.max === undefined ? { type: 'max' } : { type: 'num', value: d.max }],
        color: { argb: argb(d.color) },
      } as ExcelJS.DataBarRuleType,
    ],
  });
}

function addColorScale(ws: ExcelJS.Worksheet, c: ColorScaleSpec): void {
  const points = [c.min, c.mid, c.max];
  ws.addConditionalFormatting({
    ref: c.range,
    rules: [{ type: 'colorScale', priority: 1, cfvo: points.map((p) => ({ type: 'num', value: p.value })), color: points.map((p) => ({ argb: argb(p.color) })) } as ExcelJS.ColorScaleRuleType],
  });
}

/** A table over cells already written: its headers and rows are the cells' own values. */
function addTable(ws: ExcelJS.Worksheet, t: TableSpec): void {
  const [from, to] = t.range.split(':') as [string, string];
  const a = splitRef(from);
  const b = splitRef(to);
  const row = (r: number) => Array.from({ length: b.col - a.col + 1 }, (_, i) => ws.getRow(r).getCell(a.col + i).value);
  ws.addTable({
    name: t.name,
    ref: from,
    headerRow: true,
    style: { theme: 'TableStyleLight9', showRowStripes: true },
    columns: row(a.row).map((h) => ({ name: String(h), filterButton: true })),
    rows: Array.from({ length: b.row - a.row }, (_, i) => row(a.row + 1 + i)),
  });
}

function dataValidation(v: ValidationSpec): ExcelJS.DataValidation {
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: 'Parathedsvurdering',
    prompt: v.prompt,
    showErrorMessage: true,
    errorStyle: 'stop' as const,
    errorTitle: 'Ugyldig værdi',
    error: v.error,
  };
  switch (v.kind) {
    case 'list':
      return { ...common, type: 'list', formulae: [v.source] };
    case 'textLength':
      return { ...common, type: 'textLength', operator: 'lessThanOrEqual', formulae: [v.max] };
    case 'date':
      return { ...common, type: 'date', operator: 'between', formulae: [new Date(`${v.min}T00:00:00Z`), new Date(`${v.max}T00:00:00Z`)] };
    default:
      return v.max === undefined
        ? { ...common, type: v.kind, operator: 'greaterThanOrEqual', formulae: [v.min] }
        : { ...common, type: v.kind, operator: 'between', formulae: [v.min, v.max] };
  }
}

function cellValue(c: CellSpec): ExcelJS.CellValue {
  if (c.formula !== undefined) {
    // The file names newer functions with their _xlfn. prefix.
    const formula = fileFormula(c.formula);
    return c.result === undefined ? { formula } : ({ formula, result: c.result } as ExcelJS.CellFormulaValue);
  }
  return c.value ?? null;
}

/**
 * Each cell's style, one object per style, number format and lock: ExcelJS recognises an object
 * it has written before, instead of serialising each cell's style to compare it (which took most
 * of the time of writing an overview of 98 municipalities). Nothing sets a part of a cell's style
 * afterwards, so the cells can share it.
 */
const cellStyles = new Map<string, Partial<ExcelJS.Style>>();
function cellStyle(c: SheetSpec['cells'][number]): Partial<ExcelJS.Style> {
  const key = `${c.style}\u0000${c.numFmt ?? ''}\u0000${c.input ? 1 : 0}`;
  let style = cellStyles.get(key);
  if (!style) {
    style = { ...EXCEL_STYLES[c.style], ...(c.numFmt ? { numFmt: c.numFmt } : {}), protection: { locked: !c.input } };
    cellStyles.set(key, style);
  }
  return style;
}

/**
 * Adds one described sheet at the end of a workbook, with its cells' defined names (returned,
 * for the adapter's list of names).
 */
/** The column width ExcelJS takes for its default, and so does not write. */
const EXCELJS_DEFAULT_WIDTH = 9;

export async function renderSheet(wb: ExcelJS.Workbook, sheet: SheetSpec): Promise<{ ws: ExcelJS.Worksheet; names: { name: string; ref: string }[] }> {
  const names: { name: string; ref: string }[] = [];
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.hidden ? 'hidden' : 'visible',
    ...(sheet.tabColor ? { properties: { tabColor: { argb: `FF${sheet.tabColor}` } } } : {}),
    views: sheet.frozenRows ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [],
    // Printed on A4 landscape, one page wide (or on one page).
    pageSetup: {
      paperSize: 9, // A4
      orientation: sheet.print.orientation,
      margins: { ...MARGINS[sheet.print.margins ?? 'normal'] },
      fitToPage: sheet.print.fit !== 'none',
      ...(sheet.print.fit !== 'none' ? { fitToWidth: 1, fitToHeight: sheet.print.fit === 'page' ? 1 : 0 } : { scale: 100 }),
      ...(sheet.print.area ? { printArea: sheet.print.area } : {}),
      ...(sheet.print.titleRows ? { printTitlesRow: sheet.print.titleRows } : {}),
      ...(sheet.print.titleColumns ? { printTitlesColumn: sheet.print.titleColumns } : {}),
    },
  });
  sheet.columns.forEach((width, i) => {
    // ExcelJS leaves out a column of width 9, its own default, and Excel then shows its default
    // (8.43): a hair more than 9 is written as 9.
    ws.getColumn(i + 1).width = width === EXCELJS_DEFAULT_WIDTH ? width + 1e-9 : width;
  });
  for (const [row, height] of Object.entries(sheet.rowHeights)) ws.getRow(Number(row)).height = height;
  for (const c of sheet.cells) {
    const cell = ws.getCell(c.ref);
    cell.value = cellValue(c);
    cell.style = cellStyle(c);
    if (c.validation) cell.dataValidation = dataValidation(c.validation);
    if (c.name) {
      wb.definedNames.add(absoluteRef(sheet.name, c.ref), c.name);
      names.push({ name: c.name, ref: c.ref });
    }
  }
  for (const m of sheet.merges) ws.mergeCells(m);
  for (const h of sheet.highlights) {
    ws.addConditionalFormatting({
      ref: h.range,
      rules: [{ type: 'expression', priority: 1, formulae: [h.formula], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(h.fill ?? HIGHLIGHT_FILL) } }, font: { bold: true } } }],
    });
  }
  for (const d of [...sheet.dataBars, ...sheet.charts.flatMap((c) => c.fallback)]) addDataBars(ws, d);
  for (const c of sheet.colorScales ?? []) addColorScale(ws, c);
  for (const t of sheet.tables ?? []) addTable(ws, t);
  // Protected without a password: a user can unprotect deliberately (Gennemse → Fjern arkbeskyttelse).
  if (!sheet.unprotected) await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatRows: true, formatColumns: true });
  return { ws, names };
}
