/**
 * Writes a WorkbookSpec as an .xlsx file (ExcelJS), byte for byte the same for the same spec:
 * fixed document dates and zip entry dates, so the template under templates/ can be compared
 * with what the generator writes.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { absoluteRef, type CellSpec, type SheetSpec, type StyleId, type ValidationSpec, type WorkbookSpec } from './description';

const FIXED_DATE = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };
const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const FONT = 'Calibri';

const STYLES: Record<StyleId, Partial<ExcelJS.Style>> = {
  title: { font: { name: FONT, size: 16, bold: true, color: { argb: 'FF1F4E79' } } },
  intro: { font: { name: FONT, size: 11 }, alignment: { wrapText: true, vertical: 'top' } },
  heading: { font: { name: FONT, size: 13, bold: true, color: { argb: 'FF1F4E79' } } },
  tableHeader: { font: { name: FONT, size: 11, bold: true, color: { argb: 'FFFFFFFF' } }, fill: fill('FF1F4E79'), alignment: { wrapText: true, vertical: 'middle' }, border },
  group: { font: { name: FONT, size: 12, bold: true, color: { argb: 'FF1F4E79' } }, fill: fill('FFDDEBF7'), border },
  label: { font: { name: FONT, size: 11 }, alignment: { wrapText: true, vertical: 'top' }, border },
  labelStrong: { font: { name: FONT, size: 11, bold: true }, alignment: { wrapText: true, vertical: 'top' }, border },
  text: { font: { name: FONT, size: 11 }, alignment: { wrapText: true, vertical: 'top' } },
  note: { font: { name: FONT, size: 10, italic: true, color: { argb: 'FF595959' } }, alignment: { wrapText: true, vertical: 'top' } },
  input: { font: { name: FONT, size: 11 }, fill: fill('FFFFF2CC'), border, alignment: { vertical: 'top' } },
  inputText: { font: { name: FONT, size: 11 }, fill: fill('FFFFF2CC'), border, alignment: { wrapText: true, vertical: 'top' } },
  result: { font: { name: FONT, size: 11 }, fill: fill('FFF2F2F2'), border, alignment: { vertical: 'top' } },
  resultStrong: { font: { name: FONT, size: 14, bold: true }, fill: fill('FFF2F2F2'), border, alignment: { vertical: 'middle' } },
  rubric: { font: { name: FONT, size: 10 }, alignment: { wrapText: true, vertical: 'top' }, border },
};

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
      paperSize: 9,
      orientation: 'landscape',
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
    cell.style = { ...STYLES[c.style], ...(c.numFmt ? { numFmt: c.numFmt } : {}), protection: { locked: !c.input } };
    if (c.validation) cell.dataValidation = dataValidation(c.validation);
    if (c.name) wb.definedNames.add(absoluteRef(sheet.name, c.ref), c.name);
  }
  for (const m of sheet.merges) ws.mergeCells(m);
  for (const h of sheet.highlights) {
    ws.addConditionalFormatting({
      ref: h.range,
      rules: [{ type: 'expression', priority: 1, formulae: [h.formula], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } }, font: { bold: true } } }],
    });
  }
  for (const d of sheet.dataBars) {
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
          color: { argb: `FF${d.color}` },
        } as ExcelJS.DataBarRuleType,
      ],
    });
  }
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
