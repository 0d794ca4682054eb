/**
 * Writing the overview into an open workbook (the pane's *Saml*): the checked files consolidated
 * and described, then put as new sheets through the port, never into a workbook that holds an
 * assessment. A use case of the core; the pane's adapter only calls it.
 */
import type { FileCheck } from './check';
import { consolidate } from './consolidate';
import { describeOverview } from './describe';
import { occupantOf, overviewTargetRefusal } from './occupant';
import { READER_VERSION } from './selective-workbook';
import { SKALA_SHEET } from './sheets/skala';
import { LIST_NAMES } from '../workbook/layout';
import type { WorkbookPort } from '../workbook/port';
import { assessmentFrom, assessmentRequest } from '../workbook/reader';
import { ReadView, combineRequests } from '../workbook/view';

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
