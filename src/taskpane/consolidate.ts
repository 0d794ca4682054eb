/**
 * Saml flere kommuner in the pane: the chosen workbook files checked one by one by the
 * consolidation core (the selective reader, in a Web Worker; the same checks as `parathed
 * consolidate`), every file's final status decided by the core's one function for both
 * (decideFiles), then the overview's Oversigt and Filer put as new sheets of the open workbook
 * through the port. No React, no Office.js; loaded on first use (its own chunk).
 */
import { unreadableFile, type FileCheck } from '../consolidate/check';
import { consolidate, decideFiles, type CheckedFile } from '../consolidate/consolidate';
import { describeOverview } from '../consolidate/describe';
import { occupantOf, overviewTargetRefusal } from '../consolidate/occupant';
import { READER_VERSION } from '../consolidate/selective-workbook';
import { SKALA_SHEET } from '../consolidate/sheets/skala';
import { LIST_NAMES } from '../workbook/layout';
import { fileProblem } from '../workbook/limits';
import type { WorkbookPort } from '../workbook/port';
import { assessmentFrom, assessmentRequest } from '../workbook/reader';
import { ReadView, combineRequests } from '../workbook/view';
import { askWorker, startFileWorker } from './worker-client';

export type { CheckedFile, FileCheck };
/** Every file's final status and reasons, the cross-file rules applied: what Filer and `consolidate --json` say. */
export { decideFiles };

/**
 * Checks each chosen file in turn, reporting each as it is done: its size before anything is read
 * (the command line's limit), then its bytes read and checked in a Web Worker, one file at a time,
 * so this thread never holds them. Rejects with an AbortError when the signal aborts (the worker
 * is stopped).
 */
export async function checkFiles(files: readonly File[], onFile: (check: FileCheck, done: number, total: number) => void, signal?: AbortSignal): Promise<FileCheck[]> {
  const checked: FileCheck[] = [];
  let worker: Worker | undefined;
  try {
    for (const [i, f] of files.entries()) {
      if (signal?.aborted) throw new DOMException('Afbrudt', 'AbortError');
      const problem = fileProblem({ isFile: true, isDirectory: false, size: f.size });
      const check = problem ? unreadableFile(f.name, problem) : (await askWorker((worker ??= startFileWorker()), { kind: 'check', id: i, file: f }, signal)).check;
      checked.push(check);
      onFile(check, checked.length, files.length);
    }
  } finally {
    worker?.terminate();
  }
  return checked;
}

export type OverviewWritten =
  | { written: true; sheets: string[]; rows: number }
  /** The workbook has an earlier overview's sheets: written only when the user says to replace them. */
  | { written: false; existing: string[] }
  /** The workbook holds an assessment: nothing is written, and `refused` says to open a new blank workbook. */
  | { written: false; refused: string };

/**
 * Puts the overview of the checked files into the open workbook: one read (the sheets, and
 * whether the template's scale list is there), one write. The hidden Skala sheet and its name are
 * left out where the workbook already has that name (the template's own list, which the Niveau
 * formulas use alike). An earlier overview's sheets give way only with `replace`. Never written
 * into a workbook that holds an assessment (overviewTargetRefusal): every municipality's figures
 * would travel inside one municipality's file.
 */
export async function writeOverview(port: WorkbookPort, checked: readonly FileCheck[], program: string, replace = false): Promise<OverviewWritten> {
  const c = consolidate([...checked]);
  const spec = describeOverview(c, `${program}, ${READER_VERSION}`);
  // One read: whether the workbook holds an assessment (the rule the command line's --force asks too), its sheets and scale list.
  const before = await port.read(combineRequests(assessmentRequest(), { cells: [LIST_NAMES.skala] }));
  const view = new ReadView(before);
  const refused = overviewTargetRefusal(occupantOf(view, assessmentFrom(view)));
  if (refused) return { written: false, refused };
  const hasScale = !!before.cells.get(LIST_NAMES.skala)?.target;
  const sheets = spec.sheets.filter((s) => !(hasScale && s.name === SKALA_SHEET));
  const existing = before.sheets.filter((w) => sheets.some((s) => s.name.toLowerCase() === w.name.toLowerCase())).map((w) => w.name);
  if (existing.length > 0 && !replace) return { written: false, existing };
  await port.write({
    removeSheets: existing,
    putSheets: sheets.map((sheet) => ({ sheet, position: 'last' as const })),
    names: hasScale ? spec.rangeNames.filter((n) => n.name !== LIST_NAMES.skala) : spec.rangeNames,
  });
  return { written: true, sheets: sheets.filter((s) => !s.hidden).map((s) => s.name), rows: c.rows.length };
}
