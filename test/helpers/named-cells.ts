/** A workbook's bytes with some named cells set (as a user, or another program, would), written to a file. */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

export async function writeWithNamedCells(base: Uint8Array, values: Record<string, ExcelJS.CellValue>, file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(base as unknown as ArrayBuffer);
  for (const [n, value] of Object.entries(values)) {
    const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(wb.definedNames.getRanges(n).ranges[0]!)!;
    wb.getWorksheet(m[1]!)!.getCell(`${m[2]}${m[3]}`).value = value;
  }
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
  return file;
}
