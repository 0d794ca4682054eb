/**
 * The workbook's structure as the template made it: every sheet there, every defined name where
 * the template put it, and the computed cells still holding the template's formulas, so a score
 * the reader reports is the score the sheet shows. Pure: it looks at one read through the port.
 */
import { SHEETS } from './layout';
import type { CellRead } from './port';
import { templateLayout } from './template';
import type { Problem } from './validate';
import type { ReadView } from './view';

/** Formula text as compared: spaces, $ and Excel's function prefixes do not matter. */
export const normalFormula = (f: string) => f.replace(/_xlfn\.|_xlws\.|\$|\s/g, '').toUpperCase();

/** Whether a cell holds the given formula (compared as text, whatever its storage form). */
export function holdsFormula(cell: CellRead | undefined, formula: string): boolean {
  return cell?.type === 'formula' && cell.formula !== undefined && normalFormula(cell.formula) === normalFormula(formula);
}

export function structureProblems(view: ReadView): Problem[] {
  const problems: Problem[] = [];
  const missingSheets = new Set<string>(Object.values(SHEETS).filter((s) => !view.hasSheet(s)));
  for (const sheet of missingSheets) problems.push({ sheet, structural: true, message: `Arket "${sheet}" mangler i projektmappen.` });
  const layout = templateLayout();
  for (const [name, loc] of layout.locations) {
    if (missingSheets.has(loc.sheet)) continue;
    const at = view.namedCell(name);
    if (!at) problems.push({ ...loc, name, structural: true, message: `Navnet ${name} mangler eller peger ikke på én celle.` });
    else if (at.sheet !== loc.sheet || at.cell !== loc.cell) {
      const formula = layout.formulas.get(`${loc.sheet}!${loc.cell}`);
      // A moved input cell is fine (rows may be inserted); a moved result is checked below.
      if (formula !== undefined) problems.push({ ...at, name, structural: true, message: `Navnet ${name} peger på ${at.sheet}!${at.cell} i stedet for ${loc.sheet}!${loc.cell}.` });
    }
  }
  for (const [where, formula] of layout.formulas) {
    const [sheet, cell] = where.split('!') as [string, string];
    if (missingSheets.has(sheet)) continue;
    if (!holdsFormula(view.cell(sheet, cell), formula)) {
      problems.push({ sheet, cell, structural: true, message: 'Formlen er ændret eller slettet i forhold til skabelonen, så arkets resultater kan ikke stoles på. Hent en ny skabelon, eller ret formlen tilbage.' });
    }
  }
  return problems;
}
