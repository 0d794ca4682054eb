/** A workbook with some named cells set (as a user, or another program, would), through ExcelJS. */
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

export interface CellOptions {
  /** A number format for each Date value set (as Excel gives a typed date); without it the cell keeps its own. */
  dateFormat?: string;
  /** Any further change to the workbook, made after the named cells are set. */
  edit?: (wb: ExcelJS.Workbook) => void;
}

/** The workbook `base` with these named cells set to these values, as .xlsx bytes. */
export async function withCells(base: Uint8Array, values: Record<string, ExcelJS.CellValue>, options: CellOptions = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(base as unknown as ArrayBuffer);
  for (const [name, value] of Object.entries(values)) {
    const ranges = wb.definedNames.getRanges(name).ranges;
    const m = ranges.length === 1 ? /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ranges[0]!) : null;
    if (!m) throw new Error(`The workbook has no single cell named ${name}: ${JSON.stringify(ranges)}`);
    const cell = wb.getWorksheet(m[1]!)!.getCell(`${m[2]}${m[3]}`);
    cell.value = value;
    if (value instanceof Date && options.dateFormat) cell.numFmt = options.dateFormat;
  }
  options.edit?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** `base` with these named cells set, written to `file`; returns `file`. */
export async function writeWithNamedCells(base: Uint8Array, values: Record<string, ExcelJS.CellValue>, file: string): Promise<string> {
  writeFileSync(file, await withCells(base, values));
  return file;
}

/** The workbook in file `from` with these named cells set, written to `out`; returns `out`. */
export const setNamed = (from: string, out: string, values: Record<string, ExcelJS.CellValue>): Promise<string> => writeWithNamedCells(readFileSync(from), values, out);
