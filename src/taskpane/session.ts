/**
 * What the pane knows about the open workbook and what it does to it, through the workbook port
 * and the core only (no React, no Office.js): one read per refresh, one write per action.
 *
 * A refresh reads every named cell and formula of every released layout in one port read (no
 * list of defined names, which would cost the Office adapter a second sync), validates it with
 * the core's reader and computes the score with the TypeScript mirror; the sheet's own Score_*
 * results come from the same read.
 */
import { maskedValue } from '../model/cpr';
import { findKommuneByName } from '../model/geography';
import { KNOWN_TEMPLATE_VERSIONS, KOMMUNE_NAMES, TEMPLATE_VERSION, TEMPLATE_VERSION_NAME } from '../model/indicators';
import { PARAMETERS } from '../model/parameters';
import type { CellValue, FormulaValue } from '../scoring/excel';
import { scoreCells, type ScoreResult } from '../scoring/score';
import { SUMMARY_SHEET, describeSummary } from '../summary/summary';
import type { RangeName, SheetSpec } from '../workbook/description';
import type { SheetInfo, WorkbookPort, WriteBatch } from '../workbook/port';
import { templateWrite } from '../office/insert-template';
import { dataContentFrom, dataRequest } from '../workbook/data-reader';
import { assessmentFrom, assessmentRequest, type WorkbookRead } from '../workbook/reader';
import { describeWorkbook } from '../workbook/template';
import { planUpgrade, type UpgradePlan } from '../workbook/upgrade';
import { compareVersions, missingInputs, type Problem } from '../workbook/validate';
import { currentLayout, layoutOf } from '../workbook/versions';
import { ReadView, combineRequests } from '../workbook/view';

export { SCORE_FIELDS, disagreements, type Disagreement } from './compare';

export type WorkbookKind = 'none' | 'current' | 'older' | 'newer' | 'unknown';

import type { SheetScore } from './compare';
export type { SheetScore } from './compare';

export interface Snapshot {
  kind: WorkbookKind;
  /** The template version this release writes. */
  templateVersion: string;
  /** What Template_Version says (when there is one). */
  version?: string;
  sheets: SheetInfo[];
  /** The ten rating cells as they stand, in PARAMETERS order. */
  ratings: CellValue[];
  /** The score by the TypeScript mirror of the sheet's formulas. */
  mirror: ScoreResult;
  /** The score as the sheet last calculated it. */
  sheet: SheetScore;
  kommune: { navn: CellValue; kode: CellValue; region: CellValue; politikreds: CellValue };
  /** Validation problems: what is wrong in a cell. */
  problems: Problem[];
  /** What is still blank. */
  missing: Problem[];
  /** Whether Excel had calculated when this was read ('done'), or not yet; absent when the host cannot tell (ExcelApi before 1.9). */
  calculation?: 'done' | 'pending';
}

const SCORE_NAMES = { antal: 'Score_Antal', samlet: 'Score_Samlet', foreloebig: 'Score_Foreloebig', egen: 'Score_Egen', vurdering: 'Score_Vurdering', niveau: 'Score_Niveau' } as const;

/** The pane's read: the assessment's named cells and formulas, without the list of defined names or the Data sheet. */
export function paneRequest() {
  return { ...assessmentRequest(), names: false };
}

const valueOf = (view: ReadView, name: string): CellValue => {
  const cell = view.result.cells.get(name)?.cell;
  return cell ? cell.value : null;
};

/** A formula result as the mirror gives it: blank as ''. */
const asResult = (v: CellValue): FormulaValue => (v === null ? '' : (v as FormulaValue));

export function snapshotOf(view: ReadView): Snapshot {
  const result = assessmentFrom(view);
  const sheets = view.result.sheets;
  const hasVersionName = !!view.result.cells.get(TEMPLATE_VERSION_NAME)?.target;
  const raw = valueOf(view, TEMPLATE_VERSION_NAME);
  const version = raw === null ? undefined : String(raw);
  let kind: WorkbookKind;
  if (!hasVersionName) kind = 'none';
  else if (version === TEMPLATE_VERSION) kind = 'current';
  else if (version !== undefined && KNOWN_TEMPLATE_VERSIONS.includes(version)) kind = 'older';
  else if (version !== undefined && /^\d+(\.\d+)*$/.test(version) && compareVersions(version, TEMPLATE_VERSION) > 0) kind = 'newer';
  else kind = 'unknown';
  const ratings = PARAMETERS.map((p) => valueOf(view, p.definedName));
  const sheet = Object.fromEntries(Object.entries(SCORE_NAMES).map(([k, name]) => [k, asResult(valueOf(view, name))])) as SheetScore;
  return {
    kind,
    templateVersion: TEMPLATE_VERSION,
    ...(version !== undefined ? { version } : {}),
    sheets,
    ratings,
    mirror: scoreCells(ratings),
    sheet,
    kommune: {
      // Shown (Start, Kommune, Tal), never written back: a CPR-shaped text typed in its place is masked.
      navn: maskedValue(valueOf(view, KOMMUNE_NAMES.navn)),
      kode: valueOf(view, KOMMUNE_NAMES.kode),
      region: valueOf(view, KOMMUNE_NAMES.region),
      politikreds: valueOf(view, KOMMUNE_NAMES.politikreds),
    },
    problems: result.problems,
    missing: kind === 'current' ? missingInputs(result) : [],
    ...(view.result.calculation ? { calculation: view.result.calculation } : {}),
  };
}

/** One refresh: one port read. */
export async function readSnapshot(port: WorkbookPort): Promise<Snapshot> {
  return snapshotOf(new ReadView(await port.read(paneRequest())));
}

/** A write and the snapshot it leaves, in one port write (the Office adapter reads in the write's last sync). */
async function writeAndRead(port: WorkbookPort, batch: WriteBatch): Promise<Snapshot> {
  const read = await port.write({ ...batch, thenRead: paneRequest() });
  return read ? snapshotOf(new ReadView(read)) : readSnapshot(port);
}

/** Writes one rating (1–4, or null to clear it). One port write. */
export function writeRating(port: WorkbookPort, definedName: string, value: number | null): Promise<Snapshot> {
  return writeAndRead(port, { cells: [{ name: definedName, value }] });
}

/** Writes several ratings at once (Prøv → Anvend). One port write. */
export function writeRatings(port: WorkbookPort, ratings: ReadonlyMap<string, number | null>): Promise<Snapshot> {
  return writeAndRead(port, { cells: [...ratings].map(([name, value]) => ({ name, value })) });
}

/** Writes the municipality's name only: code, region and police district are the sheet's formulas. */
export function writeKommune(port: WorkbookPort, navn: string): Promise<Snapshot> {
  const k = findKommuneByName(navn);
  if (!k) throw new Error(`Ukendt kommune: ${navn}`);
  return writeAndRead(port, { cells: [{ name: KOMMUNE_NAMES.navn, value: k.navn }] });
}

/** Inserts the empty template. One port write. */
export async function insertTemplate(port: WorkbookPort): Promise<{ sheets: string[]; snapshot: Snapshot }> {
  const batch = templateWrite();
  return { sheets: (batch.putSheets ?? []).map((p) => p.sheet.name), snapshot: await writeAndRead(port, batch) };
}

/**
 * Where the pane's writes land, from the current layout: a change event at one of these
 * addresses, right after the pane wrote there, is the echo of its own write.
 */
export function addressesOf(definedNames: readonly string[]): string[] {
  const names = currentLayout().names as Record<string, string>;
  return definedNames.map((n) => names[n]).filter((at): at is string => !!at).map((at) => at.slice(at.lastIndexOf('!') + 1));
}

// ------------------------------------------------------------------ upgrade

export interface PaneUpgrade {
  plan: UpgradePlan;
  hadSummary: boolean;
}

/**
 * What an upgrade of the open workbook would carry, from one full read (the core's reader and
 * planUpgrade, as the command line's upgrade uses them); or the problems that stop it (`losing`:
 * names or notes the upgrade would lose, which the command line refuses too).
 */
export async function prepareUpgrade(port: WorkbookPort): Promise<PaneUpgrade | { problems: Problem[]; losing?: boolean }> {
  // The core's reader's request and the Data sheet, with the defined names and notes (what the upgrade would lose).
  const view = new ReadView(await port.read({ ...combineRequests(assessmentRequest(), dataRequest()), names: true, notes: true }));
  const read: WorkbookRead = { view, result: assessmentFrom(view), data: dataContentFrom(view) };
  const plan = planUpgrade(read, SUMMARY_SHEET);
  if ('problems' in plan) return plan;
  // What the user made that the upgrade would lose: refused, as the command line refuses it.
  if (plan.lost.length > 0) return { problems: plan.lost, losing: true };
  return { plan, hadSummary: read.view.hasSheet(SUMMARY_SHEET) };
}

/** The sheets the upgrade puts: the current template filled with what was carried, and a summary made anew when there was one. */
export function upgradeSheets(u: PaneUpgrade, now = new Date()): { puts: { sheet: SheetSpec; position: 'first' | 'last' }[]; rangeNames: RangeName[] } {
  const spec = describeWorkbook(u.plan.assessment, u.plan.data);
  const sheets = spec.sheets.map((sheet) => ({ sheet, position: 'last' as const }));
  return { puts: u.hadSummary ? [{ sheet: describeSummary(u.plan.assessment, spec, now), position: 'first' }, ...sheets] : sheets, rangeNames: spec.rangeNames };
}

/**
 * Replaces the old template's sheets with the current template holding every carried input, in
 * one port write: refused before anything changes when Template_Version no longer says what the
 * plan was made from (the workbook changed meanwhile); the old sheets are renamed out of the way
 * first and deleted last (see the Office adapter), so a refused write gives them back. Resolves
 * the sheets written and the snapshot the upgrade leaves.
 */
export async function applyUpgrade(port: WorkbookPort, u: PaneUpgrade): Promise<{ sheets: string[]; snapshot: Snapshot }> {
  const remove = [...new Set([...(layoutOf(u.plan.from)?.sheets ?? []), ...currentLayout().sheets, ...(u.hadSummary ? [SUMMARY_SHEET] : [])])];
  const { puts, rangeNames } = upgradeSheets(u);
  const snapshot = await writeAndRead(port, { expect: [{ name: TEMPLATE_VERSION_NAME, value: u.plan.from }], removeSheets: remove, putSheets: puts, names: rangeNames });
  return { sheets: puts.map((p) => p.sheet.name), snapshot };
}
