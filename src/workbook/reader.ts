/**
 * Reads a filled workbook through the port into a validated assessment: by defined name, from
 * the input cells only, never from cached formula results; with the structure check, and the
 * Data sheet's content for a summary or a pull. One read per workbook, whatever it is (a file
 * or the workbook open in Excel).
 */
import { maskCpr } from '../model/cpr';
import { KNOWN_TEMPLATE_VERSIONS, TEMPLATE_VERSION_NAME } from '../model/indicators';
import type { CellValue } from '../scoring/excel';
import { dataContentFrom, dataRequest } from './data-reader';
import { inputFields } from './fields';
import type { CellRead, ReadRequest, WorkbookPort } from './port';
import type { DataContent } from './sheets/data';
import { structureProblems } from './structure';
import { checkVersion, validateCells, type FoundCell, type Problem, type ValidationResult } from './validate';
import { layoutOf, location, type LayoutData } from './versions';
import { ReadView, boundingRange, combineRequests } from './view';

export type { Problem } from './validate';
export type ReadResult = ValidationResult;

/** A cell's content as the user typed it (a date as its serial number, marked), or why it cannot be used. */
export function rawValue(cell: CellRead): { value: CellValue; date?: boolean } | { problem: string } {
  switch (cell.type) {
    case 'empty':
      return { value: null };
    case 'number':
      return Number.isFinite(cell.value) ? { value: cell.value as number } : { problem: 'Cellen indeholder ikke et gyldigt tal.' };
    case 'string':
    case 'boolean':
      return { value: cell.value };
    case 'date':
      return typeof cell.value === 'number' ? { value: cell.value, date: true } : { problem: 'Cellen indeholder en dato, der ikke kan læses.' };
    case 'error':
      return { problem: `Cellen indeholder fejlværdien ${cell.value}.` };
    case 'formula':
      return { problem: 'Cellen skal indeholde en værdi, ikke en formel: skriv værdien direkte.' };
  }
}

let request: ReadRequest | undefined;
/**
 * What the assessment reader reads, in one read whatever the version: the sheets and names, every
 * named cell and every formula cell of every released layout.
 */
export function assessmentRequest(): ReadRequest {
  if (!request) {
    const layouts = KNOWN_TEMPLATE_VERSIONS.map((v) => layoutOf(v)!);
    const names = new Set([TEMPLATE_VERSION_NAME, ...inputFields().map((f) => f.name), ...layouts.flatMap((l) => Object.keys(l.names))]);
    const formulaCells = new Map<string, string[]>();
    for (const where of layouts.flatMap((l) => Object.keys(l.formulas))) {
      const { sheet, cell } = location(where);
      const cells = formulaCells.get(sheet);
      if (cells) cells.push(cell);
      else formulaCells.set(sheet, [cell]);
    }
    request = {
      sheets: true,
      names: true,
      cells: [...names],
      ranges: [...formulaCells].map(([sheet, cells]) => ({ sheet, range: boundingRange(cells) })),
    };
  }
  return request;
}

const onSheets = new Map<string, LayoutData>();
/** A layout with the formulas of the given sheets only (made once per version and sheets). */
function layoutOnSheets(layout: LayoutData, sheets: string[]): LayoutData {
  const key = `${layout.version}\n${sheets.join('\n')}`;
  let found = onSheets.get(key);
  if (!found) {
    const keep = new Set(sheets);
    found = { ...layout, formulas: Object.fromEntries(Object.entries(layout.formulas).filter(([where]) => keep.has(location(where).sheet))) };
    onSheets.set(key, found);
  }
  return found;
}

/**
 * The assessment in a read: validated, with every problem at its sheet and cell. `formulaSheets`
 * limits the check of the template's formulas to the sheets a selective read read (all when absent).
 */
export function assessmentFrom(view: ReadView, formulaSheets?: (sheet: string) => boolean): ValidationResult {
  const cells = new Map<string, CellValue>();
  const find = (name: string): FoundCell => {
    const at = view.namedCell(name);
    if (!at) return { missing: `navnet ${name} mangler i projektmappen.` };
    const cell = view.result.cells.get(name)?.cell;
    if (!cell || !view.hasSheet(at.sheet)) return { missing: `arket "${at.sheet}" mangler.` };
    const raw = rawValue(cell);
    return 'value' in raw ? { at, value: raw.value, ...(raw.date ? { date: true } : {}) } : { at, problem: raw.problem };
  };

  const versionFound = find(TEMPLATE_VERSION_NAME);
  const versionProblem = checkVersion(versionFound);
  if (versionProblem) return { cells, problems: [masked(versionProblem)] };
  const version = String((versionFound as { value: CellValue }).value);
  const layout = layoutOf(version)!;

  const checked = formulaSheets ? layoutOnSheets(layout, layout.sheets.filter(formulaSheets)) : layout;
  const structure = structureProblems(view, checked);
  // A workbook that is not the layout it claims is not read further.
  if (structure.some((p) => p.unreadable)) return { version, cells, problems: structure.map(masked) };
  const result = validateCells(version, find, layout);
  // A name reported as missing by the structure check need not be reported again.
  const reported = new Set(structure.map((p) => p.name).filter(Boolean));
  const missingSheets = new Set(structure.filter((p) => !p.cell).map((p) => p.sheet));
  const rest = result.problems.filter((p) => !(p.name && reported.has(p.name)) && !(p.sheet && missingSheets.has(p.sheet)));
  const problems: Problem[] = [...structure, ...rest].map(masked);
  const { assessment, ...others } = result;
  return { ...others, problems, ...(problems.length === 0 && assessment ? { assessment } : {}) };
}

/**
 * A problem as every output shows it: a sheet or defined name the user gave (or anything else in
 * it) shaped like a CPR number is masked; a value typed into a cell is never quoted when it is one.
 */
function masked(p: Problem): Problem {
  return { ...p, message: maskCpr(p.message), ...(p.sheet !== undefined ? { sheet: maskCpr(p.sheet) } : {}), ...(p.name !== undefined ? { name: maskCpr(p.name) } : {}) };
}

export interface WorkbookRead {
  view: ReadView;
  result: ValidationResult;
  data: DataContent;
}

/**
 * Reads a workbook once: the assessment, its problems and the Data sheet's content, and whatever
 * else the caller asks for in the same read (`also`).
 */
export async function readThroughPort(port: WorkbookPort, ...also: ReadRequest[]): Promise<WorkbookRead> {
  const view = new ReadView(await port.read(combineRequests(assessmentRequest(), dataRequest(), ...also)));
  return { view, result: assessmentFrom(view), data: dataContentFrom(view) };
}
