/**
 * Saml flere kommuner in the pane: the chosen workbook files checked one by one by the
 * consolidation core (the selective reader, in the browser; the same checks as `parathed
 * consolidate`), then the overview's Oversigt and Filer put as new sheets of the open workbook
 * through the port. No React, no Office.js; loaded on first use (its own chunk).
 */
import { checkFile, type FileCheck } from '../consolidate/check';
import { consolidate } from '../consolidate/consolidate';
import { describeOverview } from '../consolidate/describe';
import { occupantOf, overviewTargetRefusal } from '../consolidate/occupant';
import { READER_VERSION } from '../consolidate/selective-workbook';
import { SKALA_SHEET } from '../consolidate/sheets/skala';
import { LIST_NAMES } from '../workbook/layout';
import type { WorkbookPort } from '../workbook/port';
import { assessmentFrom, assessmentRequest } from '../workbook/reader';
import { ReadView, combineRequests } from '../workbook/view';
import type { ImportedFile } from './statbank';

export type { FileCheck };

/** Checks each file in turn, reporting each as it is done (the next waits, so the pane can show it). */
export async function checkFiles(files: readonly ImportedFile[], onFile: (check: FileCheck, done: number, total: number) => void): Promise<FileCheck[]> {
  const checked: FileCheck[] = [];
  for (const f of files) {
    const check = await checkFile(f.name, f.bytes);
    checked.push(check);
    onFile(check, checked.length, files.length);
    // Let the pane paint between files.
    await new Promise((r) => setTimeout(r, 0));
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
