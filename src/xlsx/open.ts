/**
 * A workbook file opened and read once through the file adapter: the adapter (for a command that
 * rewrites the file), what a rewrite would lose, and the core's read of it.
 */
import type { ReadRequest } from '../workbook/port';
import { readThroughPort, type ReadResult, type WorkbookRead } from '../workbook/reader';
import { XlsxWorkbook } from './xlsx-workbook';

export type OpenedFile = { workbook: XlsxWorkbook; lost: string[]; read: WorkbookRead; result: ReadResult } | { workbook?: undefined; lost: string[]; result: ReadResult };

/** Opens a workbook's bytes and reads it once (with `also` in the same read). */
export async function openAndRead(data: Uint8Array, ...also: ReadRequest[]): Promise<OpenedFile> {
  const opened = await XlsxWorkbook.open(data);
  if ('problem' in opened) return { lost: [], result: { cells: new Map(), problems: [{ message: opened.problem }] } };
  const read = await readThroughPort(opened.workbook, ...also);
  return { workbook: opened.workbook, lost: opened.lost, read, result: read.result };
}

/** The assessment in a workbook file's bytes, validated, with every problem. */
export async function readWorkbook(data: Uint8Array): Promise<ReadResult> {
  return (await openAndRead(data)).result;
}
