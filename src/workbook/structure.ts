/**
 * The workbook's structure as the template made it: every sheet there, every defined name where
 * the template put it, and the computed cells still holding the template's formulas, so a score
 * the reader reports is the score the sheet shows. Pure: it looks at one read through the port.
 */
import type { CellRead } from './port';
import type { Problem } from './validate';
import { location, type LayoutData } from './versions';
import type { ReadView } from './view';

/** Formula text as compared: spaces, $ and Excel's function prefixes do not matter. */
export const normalFormula = (f: string) => f.replace(/_xlfn\.|_xlws\.|\$|\s/g, '').toUpperCase();

/** The layouts' formulas as compared (a few hundred, compared for every workbook read). */
const expectedForms = new Map<string, string>();
function expectedForm(formula: string): string {
  let form = expectedForms.get(formula);
  if (form === undefined) {
    form = normalFormula(formula);
    expectedForms.set(formula, form);
  }
  return form;
}

/** Whether a cell holds the given formula (compared as text, whatever its storage form). */
export function holdsFormula(cell: CellRead | undefined, formula: string): boolean {
  if (cell?.type !== 'formula' || cell.formula === undefined) return false;
  // Stored as the template wrote it, most formulas need no normalising.
  return cell.formula === formula || normalFormula(cell.formula) === expectedForm(formula);
}

/** More names missing than this on sheets that are there: the file is not the layout it claims. */
const NOT_THIS_LAYOUT = 5;

/** What `make` works out of a layout, once per layout. */
function perLayout<T>(make: (layout: LayoutData) => T): (layout: LayoutData) => T {
  const made = new WeakMap<LayoutData, T>();
  return (layout) => {
    if (!made.has(layout)) made.set(layout, make(layout));
    return made.get(layout)!;
  };
}

/** A layout's names with where each belongs. */
const namesOf = perLayout((layout) => Object.entries(layout.names).map(([name, ref]) => [name, location(ref)] as const));

/** A layout's formulas with their sheet and cell. */
const formulasOf = perLayout((layout) => Object.entries(layout.formulas).map(([where, formula]): [string, string, string] => [...(where.split('!') as [string, string]), formula]));

/** The structure of a workbook checked against the layout of the version it says it is. */
export function structureProblems(view: ReadView, layout: LayoutData): Problem[] {
  const problems: Problem[] = [];
  const missingSheets = new Set<string>(layout.sheets.filter((s) => !view.hasSheet(s)));
  const names = namesOf(layout);
  const absent = names.filter(([name, loc]) => !missingSheets.has(loc.sheet) && !view.namedCell(name));
  if (absent.length > NOT_THIS_LAYOUT) {
    // Development builds before 1.0 was released also said "1.0", with fewer names.
    return [
      {
        structural: true,
        unreadable: true,
        message: `Projektmappen siger skabelonversion ${layout.version}, men opbygningen er ikke den udgivne version ${layout.version} (${absent.length} navne mangler, fx ${absent[0]![0]}): den er lavet med en udviklingsudgave af parathed og kan ikke læses. Hent en ny skabelon (parathed template), og skriv indholdet over i den.`,
      },
    ];
  }
  for (const sheet of missingSheets) problems.push({ sheet, structural: true, message: `Arket "${sheet}" mangler i projektmappen.` });
  for (const [name, loc] of names) {
    if (missingSheets.has(loc.sheet)) continue;
    const at = view.namedCell(name);
    if (!at) problems.push({ ...loc, name, structural: true, message: `Navnet ${name} mangler eller peger ikke på én celle.` });
    else if (at.sheet !== loc.sheet || at.cell !== loc.cell) {
      const formula = layout.formulas[`${loc.sheet}!${loc.cell}`];
      // An input cell moved on its own sheet is fine (rows may be inserted); one moved to another
      // sheet is not what the sheet's formulas read; a moved result is checked below.
      if (formula !== undefined || at.sheet !== loc.sheet) {
        problems.push({ ...loc, name, structural: true, message: `Navnet ${name} peger på ${at.sheet}!${at.cell}, men hører til i ${loc.sheet}!${loc.cell}. Ret navnet (Formler → Navnestyring).` });
      }
    }
  }
  // Two names on one cell: a score would count what the user typed once, twice.
  const byCell = new Map<string, string>();
  for (const [name, loc] of names) {
    const at = view.namedCell(name);
    if (!at || missingSheets.has(loc.sheet)) continue;
    const key = `${at.sheet}!${at.cell}`;
    const other = byCell.get(key);
    if (other === undefined) byCell.set(key, name);
    else problems.push({ ...loc, name, structural: true, message: `Navnet ${name} peger på samme celle (${key}) som ${other}, men hører til i ${loc.sheet}!${loc.cell}. Ret navnet (Formler → Navnestyring).` });
  }
  // A sheet's own name hides the workbook's on that sheet: its formulas would read another cell.
  for (const n of view.result.names) {
    const loc = n.scope === null ? undefined : names.find(([name]) => name === n.name)?.[1];
    if (!loc) continue;
    problems.push({
      ...loc,
      name: n.name,
      structural: true,
      message: `Arket "${n.scope}" har sit eget navn ${n.name} (${n.refersTo}), som skjuler projektmappens navn ${n.name}; det hører til i ${loc.sheet}!${loc.cell}. Slet arkets navn (Formler → Navnestyring).`,
    });
  }
  for (const [sheet, cell, formula] of formulasOf(layout)) {
    if (missingSheets.has(sheet)) continue;
    if (!holdsFormula(view.cell(sheet, cell), formula)) {
      problems.push({ sheet, cell, structural: true, formula: true, message: 'Formlen er ændret eller slettet i forhold til skabelonen, så arkets resultater kan ikke stoles på. Hent en ny skabelon, eller ret formlen tilbage.' });
    }
  }
  return problems;
}
