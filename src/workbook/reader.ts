/**
 * Reads a filled workbook file (ExcelJS) into a validated assessment: by defined name, from the
 * input cells only, never from cached formula results. Also checks the workbook's structure:
 * every sheet there, every defined name there, and the computed cells still holding the
 * template's formulas, so a score it reports is the score the sheet shows.
 */
import ExcelJS from 'exceljs';
import { TEMPLATE_VERSION_NAME } from '../model/indicators';
import type { CellValue } from '../scoring/excel';
import { SHEETS } from './template';
import { prepareForLoad } from './preserve';
import { checkVersion, templateLayout, validateCells, type FoundCell, type Location, type Problem, type ValidationResult } from './validate';

export type { Problem } from './validate';
export type ReadResult = ValidationResult;

export function resolveName(wb: ExcelJS.Workbook, name: string): Location | undefined {
  const ranges = wb.definedNames.getRanges(name).ranges;
  if (ranges.length !== 1) return undefined;
  const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ranges[0]!);
  if (!m) return undefined;
  return { sheet: m[1]!.replace(/''/g, "'"), cell: `${m[2]}${m[3]}` };
}

/** A cell's content as the user typed it, or why it cannot be used. */
export function rawValue(cell: ExcelJS.Cell): { value: CellValue } | { problem: string } {
  const v = cell.value;
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { problem: 'Cellen indeholder ikke et gyldigt tal.' };
  if (typeof v === 'string' || typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { problem: 'Cellen indeholder en dato; skriv et tal eller en tekst.' };
  if ('richText' in v) return { value: v.richText.map((r) => r.text).join('') };
  if ('error' in v) return { problem: `Cellen indeholder fejlværdien ${v.error}.` };
  if ('formula' in v || 'sharedFormula' in v) return { problem: 'Cellen skal indeholde en værdi, ikke en formel: skriv værdien direkte.' };
  if ('text' in v && typeof v.text === 'string') return { value: v.text };
  return { problem: 'Cellens indhold kan ikke læses.' };
}

const isXlsx = (buf: Uint8Array) => buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

/** Formula text as compared: spaces, $ and Excel's function prefixes do not matter. */
export const normalFormula = (f: string) => f.replace(/_xlfn\.|_xlws\.|\$|\s/g, '').toUpperCase();

function structureProblems(wb: ExcelJS.Workbook): Problem[] {
  const problems: Problem[] = [];
  const missingSheets = new Set<string>(Object.values(SHEETS).filter((s) => !wb.getWorksheet(s)));
  for (const sheet of missingSheets) problems.push({ sheet, structural: true, message: `Arket "${sheet}" mangler i projektmappen.` });
  const layout = templateLayout();
  for (const [name, loc] of layout.locations) {
    if (missingSheets.has(loc.sheet)) continue;
    const at = resolveName(wb, name);
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
    const v = wb.getWorksheet(sheet)!.getCell(cell).value;
    const actual = v && typeof v === 'object' && 'formula' in v ? v.formula : undefined;
    if (actual === undefined || normalFormula(actual) !== normalFormula(formula)) {
      problems.push({ sheet, cell, structural: true, message: 'Formlen er ændret eller slettet i forhold til skabelonen, så arkets resultater kan ikke stoles på. Hent en ny skabelon, eller ret formlen tilbage.' });
    }
  }
  return problems;
}

export async function readWorkbook(data: Uint8Array): Promise<ReadResult> {
  return (await openWorkbook(data)).result;
}

/**
 * Loads and reads a workbook; the loaded ExcelJS workbook is returned for a shell that changes it,
 * with the parts a rewrite would lose.
 */
export async function openWorkbook(data: Uint8Array): Promise<{ wb?: ExcelJS.Workbook; result: ReadResult; lost: string[] }> {
  const cells = new Map<string, CellValue>();
  if (!isXlsx(data)) {
    return { lost: [], result: { cells, problems: [{ message: 'Filen er ikke en Excel-projektmappe (.xlsx). Gem den som "Excel-projektmappe (*.xlsx)" og prøv igen.' }] } };
  }
  const wb = new ExcelJS.Workbook();
  const prepared = await prepareForLoad(data);
  const lost = prepared.lost;
  try {
    await wb.xlsx.load(prepared.data as unknown as ArrayBuffer);
  } catch {
    return { lost, result: { cells, problems: [{ message: 'Filen kunne ikke læses som Excel-projektmappe (.xlsx): den er beskadiget eller i et andet format.' }] } };
  }

  const find = (name: string): FoundCell => {
    const at = resolveName(wb, name);
    if (!at) return { missing: `navnet ${name} mangler i projektmappen.` };
    const ws = wb.getWorksheet(at.sheet);
    if (!ws) return { missing: `arket "${at.sheet}" mangler.` };
    const raw = rawValue(ws.getCell(at.cell));
    return 'value' in raw ? { at, value: raw.value } : { at, problem: raw.problem };
  };

  const versionFound = find(TEMPLATE_VERSION_NAME);
  const versionProblem = checkVersion(versionFound);
  if (versionProblem) return { wb, lost, result: { cells, problems: [versionProblem] } };
  const version = String((versionFound as { value: CellValue }).value);

  const structure = structureProblems(wb);
  const result = validateCells(version, find);
  // A name reported as missing by the structure check need not be reported again.
  const reported = new Set(structure.map((p) => p.name).filter(Boolean));
  const missingSheets = new Set(structure.filter((p) => !p.cell).map((p) => p.sheet));
  const rest = result.problems.filter((p) => !(p.name && reported.has(p.name)) && !(p.sheet && missingSheets.has(p.sheet)));
  const problems = [...structure, ...rest];
  const { assessment, ...others } = result;
  return { wb, lost, result: { ...others, problems, ...(problems.length === 0 && assessment ? { assessment } : {}) } };
}
