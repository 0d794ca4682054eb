/** Workbook files for the commands: read one, open one to rewrite, name the output beside it. */
import path from 'node:path';
import { readNamedSheets, readSelectively } from '../consolidate/read';
import { TEMPLATE_VERSION } from '../model/indicators';
import type { Assessment } from '../model/schema';
import { summaryRequest } from '../summary/put';
import { lostPartsMessage } from '../xlsx/parts';
import { openAndRead } from '../xlsx/open';
import { InputError, readInput } from './files';

/**
 * Reads a workbook file through the selective reader (no full load): its assessment and problems
 * (a file that is no workbook is one problem).
 */
export async function readWorkbookFile(file: string) {
  return readSelectively(await readInput(file));
}

/**
 * Opens a workbook that a command will rewrite, reading an existing summary too (its cached
 * results are refreshed): refused when it holds parts the rewrite would drop. `bytes`: the file
 * as inputOf read it (so the file checked is the file rewritten, read once).
 */
export async function openForRewrite(file: string, bytes?: Uint8Array) {
  const opened = await openAndRead(bytes ?? (await readInput(file)), summaryRequest());
  if (opened.lost.length > 0) throw new InputError(lostPartsMessage(file, opened.lost));
  const version = opened.result.version;
  if (version !== undefined && version !== TEMPLATE_VERSION) {
    throw new InputError(`${file} er skabelonversion ${version}. Opgrader den først til version ${TEMPLATE_VERSION}: parathed upgrade ${file}`);
  }
  return opened;
}

/** The default output of a command that rewrites FILE: FILE-<suffix>.xlsx in the same folder. */
export const besideInput = (file: string, suffix: string) => path.join(path.dirname(file), `${path.basename(file, path.extname(file))}-${suffix}.xlsx`);

/**
 * A workbook file read once: its bytes, the municipality it is filled in for (null when none is
 * chosen or it cannot be read: an output that is this file's assessment may replace an assessment
 * of it) and its inputs as read (absent when it cannot be read).
 */
export async function inputOf(file: string): Promise<{ bytes: Uint8Array; kommune: string | null; assessment?: Assessment }> {
  const bytes = await readInput(file);
  const partial = (await readNamedSheets(bytes, 'skip')).partial;
  return { bytes, kommune: partial?.kommune.navn ?? null, ...(partial ? { assessment: partial } : {}) };
}
