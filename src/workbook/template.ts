/**
 * The template: its sheets, one description each under `sheets/`, assembled in tab order. Given
 * an assessment (and optionally a pull's Data-sheet content) it describes the workbook filled
 * with it (the empty template is the empty assessment), with every formula's cached result
 * computed by the TypeScript mirror so that any viewer shows the right figures before it
 * recalculates. Also where the template puts each defined name and each formula.
 */
import { TEMPLATE_VERSION } from '../model/indicators';
import { emptyAssessment, type Assessment } from '../model/schema';
import type { RangeName, WorkbookSpec } from './description';
import { describeDataSheet, emptyData, type DataContent } from './sheets/data';
import { describeIndikatorer } from './sheets/indikatorer';
import { describeKommune } from './sheets/kommune';
import { describeLister } from './sheets/lister';
import { describeLogSheet } from './sheets/log';
import { describeScore } from './sheets/score';
import { describeSelvevaluering } from './sheets/selvevaluering';
import { describeVejledning } from './sheets/vejledning';
import { describeVurdering } from './sheets/vurdering';

export function describeWorkbook(a: Assessment, data: DataContent = emptyData()): WorkbookSpec {
  const rangeNames: RangeName[] = [];
  const sheets = [
    describeVejledning(a, rangeNames),
    describeKommune(a),
    describeIndikatorer(a, data),
    describeSelvevaluering(a),
    describeVurdering(a),
    describeScore(a),
    describeDataSheet(data),
    describeLogSheet(data),
    describeLister(rangeNames),
  ];
  return { sheets, rangeNames };
}

export interface Location {
  sheet: string;
  cell: string;
}

export interface TemplateLayout {
  /** Where each defined name of a cell is. */
  locations: Map<string, Location>;
  /** The formula of each computed cell, by "Sheet!A1". */
  formulas: Map<string, string>;
  /** The range names (lists). */
  rangeNames: RangeName[];
  /** The sheets, in tab order. */
  sheets: string[];
}

let layout: TemplateLayout | undefined;
/** Where the template puts each defined name, and the formula text of each computed cell. */
export function templateLayout(): TemplateLayout {
  if (!layout) {
    const spec = describeWorkbook(emptyAssessment(TEMPLATE_VERSION));
    layout = { locations: new Map(), formulas: new Map(), rangeNames: spec.rangeNames, sheets: spec.sheets.map((s) => s.name) };
    for (const sheet of spec.sheets) {
      for (const c of sheet.cells) {
        if (c.name) layout.locations.set(c.name, { sheet: sheet.name, cell: c.ref });
        if (c.formula !== undefined) layout.formulas.set(`${sheet.name}!${c.ref}`, c.formula);
      }
    }
  }
  return layout;
}
