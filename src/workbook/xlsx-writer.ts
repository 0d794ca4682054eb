/**
 * Writes a WorkbookSpec as an .xlsx file (ExcelJS), byte for byte the same for the same spec:
 * fixed document dates and zip entry dates, so the template under templates/ can be compared
 * with what the generator writes.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { BORDER_COLOR, FONT_NAME, HIGHLIGHT_FILL, STYLES, absoluteRef, type CellSpec, type ChartSpec, type DataBarSpec, type SheetSpec, type StyleDef, type StyleId, type ValidationSpec, type WorkbookSpec } from './description';

const FIXED_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

const argb = (rgb: string) => `FF${rgb}`;

/** The described style as ExcelJS's. */
function excelStyle(def: StyleDef): Partial<ExcelJS.Style> {
  const thin = { style: 'thin' as const, color: { argb: argb(BORDER_COLOR) } };
  return {
    font: { name: FONT_NAME, size: def.font.size, ...(def.font.bold ? { bold: true } : {}), ...(def.font.italic ? { italic: true } : {}), ...(def.font.color ? { color: { argb: argb(def.font.color) } } : {}) },
    ...(def.fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(def.fill) } } as ExcelJS.Fill } : {}),
    ...(def.border ? { border: { top: thin, left: thin, bottom: thin, right: thin } } : {}),
    ...(def.wrap || def.valign ? { alignment: { ...(def.wrap ? { wrapText: true } : {}), ...(def.valign ? { vertical: def.valign } : {}) } } : {}),
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

/** A chart's in-cell fallback: bars per series column, or per category row across the series. */
function chartBars(chart: ChartSpec): DataBarSpec[] {
  const { min, max, color } = chart.fallback;
  const limits = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), color };
  if (chart.fallback.bars === 'column') return chart.series.map((s) => ({ range: s.values, ...limits }));
  const [first, last] = chart.categories.split(':') as [string, string];
  const rows = [Number(/\d+$/.exec(first)![0]), Number(/\d+$/.exec(last)![0])] as const;
  const columns = chart.series.map((s) => /^[A-Z]+/.exec(s.values)![0]);
  const bars: DataBarSpec[] = [];
  for (let r = rows[0]; r <= rows[1]; r++) bars.push({ range: columns.map((c) => `${c}${r}`).join(' '), ...limits });
  return bars;
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
    default:
      return v.max === undefined
        ? { ...common, type: v.kind, operator: 'greaterThanOrEqual', formulae: [v.min] }
        : { ...common, type: v.kind, operator: 'between', formulae: [v.min, v.max] };
  }
}

function cellValue(c: CellSpec): ExcelJS.CellValue {
  if (c.formula !== undefined) {
    return c.result === undefined ? { formula: c.formula } : ({ formula: c.formula, result: c.result } as ExcelJS.CellFormulaValue);
  }
  return c.value ?? null;
}

/** Adds one described sheet to a workbook (at the end, or at `index`). Defined names included. */
export function addSheet(wb: ExcelJS.Workbook, sheet: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name, {
    state: sheet.hidden ? 'hidden' : 'visible',
    ...(sheet.tabColor ? { properties: { tabColor: { argb: `FF${sheet.tabColor}` } } } : {}),
    views: sheet.frozenRows ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [],
    // Printed on A4 landscape, one page wide (or on one page).
    pageSetup: {
      paperSize: 9, // A4
      orientation: sheet.print.orientation,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: sheet.print.onePage ? 1 : 0,
      ...(sheet.print.area ? { printArea: sheet.print.area } : {}),
    },
  });
  sheet.columns.forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  for (const [row, height] of Object.entries(sheet.rowHeights)) ws.getRow(Number(row)).height = height;
  for (const c of sheet.cells) {
    const cell = ws.getCell(c.ref);
    cell.value = cellValue(c);
    cell.style = { ...EXCEL_STYLES[c.style], ...(c.numFmt ? { numFmt: c.numFmt } : {}), protection: { locked: !c.input } };
    if (c.validation) cell.dataValidation = dataValidation(c.validation);
    if (c.name) wb.definedNames.add(absoluteRef(sheet.name, c.ref), c.name);
  }
  for (const m of sheet.merges) ws.mergeCells(m);
  for (const h of sheet.highlights) {
    ws.addConditionalFormatting({
      ref: h.range,
      rules: [{ type: 'expression', priority: 1, formulae: [h.formula], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(HIGHLIGHT_FILL) } }, font: { bold: true } } }],
    });
  }
  for (const d of [...sheet.dataBars, ...sheet.charts.flatMap(chartBars)]) addDataBars(ws, d);
  // Protected without a password: a user can unprotect deliberately (Gennemse → Fjern arkbeskyttelse).
  void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatRows: true, formatColumns: true });
  return ws;
}

export function buildWorkbook(spec: WorkbookSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'parathed';
  wb.lastModifiedBy = 'parathed';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  // Excel recalculates every formula on opening; the cached results are the mirror's.
  wb.calcProperties = { fullCalcOnLoad: true };
  for (const sheet of spec.sheets) addSheet(wb, sheet);
  for (const r of spec.rangeNames) wb.definedNames.add(absoluteRef(r.sheet, r.range), r.name);
  return wb;
}

/** The workbook as .xlsx bytes, deterministic for a given spec. */
export async function writeXlsx(spec: WorkbookSpec): Promise<Buffer> {
  const raw = Buffer.from(await buildWorkbook(spec).xlsx.writeBuffer());
  const zip = await JSZip.loadAsync(raw);
  const out = new JSZip();
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name]!;
    if (entry.dir) continue;
    out.file(name, await entry.async('uint8array'), { date: FIXED_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}
