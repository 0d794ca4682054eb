/**
 * The previous cycle on the summary ("Sidste vurdering"): what the summary shows of the previous
 * assessment, the hidden sheet that holds it as plain values, and the reading back of that sheet.
 * The summary's "Sidste vurdering" column refers to this sheet by formulas, so every number on the
 * summary stays a formula. The sheet is written with the summary (like the summary itself, it is
 * no part of the template's layout, so it needs no new template version) and stays until the
 * summary is made without it. Pure: no Office.js, no node:*.
 */
import { z } from 'zod';
import { INDICATORS, type Indicator } from '../model/indicators';
import { PREVIOUS_SHEET, UNKNOWN_DATE } from '../model/names';
import { PARAMETERS } from '../model/parameters';
import { SCALE_MAX, SCALE_MIN } from '../model/scale';
import type { CellValue, FormulaValue } from '../scoring/excel';
import { withheldNames } from '../workbook/cpr';
import { SheetBuilder, absoluteRef, type SheetSpec } from '../workbook/description';
import { NUMBER_FORMATS, parseDanishDate } from '../workbook/formats';
import type { ReadRequest } from '../workbook/port';
import type { ReadView } from '../workbook/view';

export { PREVIOUS_SHEET, UNKNOWN_DATE };

/** The previous cycle as the summary shows it. */
export interface PreviousCycle {
  /** The file it was read from, as shown (CPR-shaped numbers masked). */
  file: string;
  /** Vurdering_Dato, "2016-06-30"; null when blank. */
  dato: string | null;
  /** The municipality's short name. */
  kommune: string;
  /** Each rating's counted value in the model's order ('' when it did not count). */
  ratings: FormulaValue[];
  /** Samlet score ('' until all ten were given). */
  samlet: FormulaValue;
  /** Each indicator's municipal figure and period, by id (null when blank or left out). */
  indicators: Record<string, { figure: number | null; periode: string | null }>;
}

/** The part of a checked file the summary takes (the consolidation's `Entry`: CPR-shaped values already left out). */
export interface CheckedCycle {
  kommune: { navn: string };
  dato: string | null;
  ratings: FormulaValue[];
  score: { samlet: FormulaValue };
  indicators: Record<string, { figure: number | null; periode: string | null }>;
}

/** What the summary takes from a checked file. */
export function previousFromEntry(file: string, entry: CheckedCycle): PreviousCycle {
  return {
    file,
    dato: entry.dato,
    kommune: entry.kommune.navn,
    ratings: PARAMETERS.map((_, i) => entry.ratings[i] ?? ''),
    samlet: entry.score.samlet,
    indicators: Object.fromEntries(INDICATORS.map((ind) => [ind.id, { ...entry.indicators[ind.id]! }])),
  };
}

/** "2016-06-30" as dd-mm-åååå. */
export const danishDate = (iso: string | null): string => (iso ? iso.split('-').reverse().join('-') : '');

/**
 * Whether an assessment may be shown as the previous cycle of the current one: one rule for the
 * pane's Sammenlign, `parathed summary --previous` and a summary made again with the previous
 * cycle's sheet. Refused when both dates are known and the previous one is not older (the message
 * names the file and both dates); when either is blank, allowed with a warning that says so.
 * `file` is the previous assessment's name as shown; the dates are ISO ("2016-06-30") or null.
 */
export type CycleOrder = { ok: true; warning?: string } | { ok: false; message: string };

export function previousCycleOrder(file: string, previous: string | null, current: string | null): CycleOrder {
  if (previous !== null && current !== null) {
    return previous < current
      ? { ok: true }
      : { ok: false, message: `${file} kan ikke bruges som sidste vurdering: den har vurderingsdatoen ${danishDate(previous)}, og denne vurdering har ${danishDate(current)}. Sidste vurdering skal være ældre; vælg en tidligere vurdering, eller ret Vurdering_Dato.` };
  }
  const blank = previous === null && current === null ? `både ${file} og denne vurdering` : previous === null ? file : 'denne vurdering';
  return { ok: true, warning: `Vurderingsdatoen er tom i ${blank} (${UNKNOWN_DATE}), så det kan ikke kontrolleres, at ${file} er den ældre vurdering. Sammenligningen er lavet alligevel; skriv Vurdering_Dato, så den kan kontrolleres.` };
}

// The hidden sheet's rows: a fixed grid, so the summary's formulas and the reader agree.
const ROW = { file: 2, dato: 3, kommune: 4, samlet: 5, parameterHeader: 6, firstParameter: 7 } as const;
const INDICATOR_HEADER = ROW.firstParameter + PARAMETERS.length;
const FIRST_INDICATOR = INDICATOR_HEADER + 1;
const LABELS = { file: 'Fil', dato: 'Vurderingsdato', kommune: 'Kommune', samlet: 'Samlet score' } as const;

/** Where each of the previous cycle's values is on the hidden sheet ("B7"), and as a reference from the summary. */
export const previousCells = {
  dato: `B${ROW.dato}`,
  kommune: `B${ROW.kommune}`,
  samlet: `B${ROW.samlet}`,
  rating: (i: number) => `B${ROW.firstParameter + i}`,
  figure: (ind: Indicator) => `B${FIRST_INDICATOR + INDICATORS.indexOf(ind)}`,
  periode: (ind: Indicator) => `C${FIRST_INDICATOR + INDICATORS.indexOf(ind)}`,
};
export const previousRef = (cell: string): string => absoluteRef(PREVIOUS_SHEET, cell);

/**
 * The hidden sheet holding the previous cycle as values: numbers as numbers, every text as text
 * (written as text by both writers, never as a formula). Protected like the template's sheets.
 */
export function describePreviousSheet(p: PreviousCycle): SheetSpec {
  const s = new SheetBuilder(PREVIOUS_SHEET, [34, 14, 14], { hidden: true });
  s.text(1, 'Sidste vurdering: skrevet af tilføjelsesprogrammet eller parathed summary og brugt af arket Ledelsesresumé. Ret ikke her; vælg sidste vurdering igen.', 'note');
  const row = (r: number, label: string, value: string | number | null, numFmt?: string) => {
    s.row = r;
    s.text(1, label, 'label');
    s.put(2, { value: value === '' ? null : value, style: 'result', ...(numFmt ? { numFmt } : typeof value === 'string' ? { numFmt: '@' } : {}) });
  };
  row(ROW.file, LABELS.file, p.file);
  row(ROW.dato, LABELS.dato, danishDate(p.dato));
  row(ROW.kommune, LABELS.kommune, p.kommune);
  row(ROW.samlet, LABELS.samlet, typeof p.samlet === 'number' ? p.samlet : null, NUMBER_FORMATS.score);
  s.row = ROW.parameterHeader;
  ['Parameter', 'Vurdering'].forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  PARAMETERS.forEach((param, i) => row(ROW.firstParameter + i, param.navn, typeof p.ratings[i] === 'number' ? (p.ratings[i] as number) : null));
  s.row = INDICATOR_HEADER;
  ['Indikator', 'Kommunens tal', 'Periode'].forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  INDICATORS.forEach((ind) => {
    const figures = p.indicators[ind.id];
    row(FIRST_INDICATOR + INDICATORS.indexOf(ind), ind.navn, figures?.figure ?? null, NUMBER_FORMATS[ind.enhed]);
    s.put(3, { value: figures?.periode ?? null, style: 'result', numFmt: '@' });
  });
  s.spec.print = { ...s.spec.print, fit: 'width' };
  return s.spec;
}

/** What a regeneration reads of the hidden sheet (in the same read as the rest). */
export const previousRequest = (): ReadRequest => ({ ranges: [{ sheet: PREVIOUS_SHEET, range: `A1:C${FIRST_INDICATOR + INDICATORS.length - 1}` }] });

const rating = z.number().int().min(SCALE_MIN).max(SCALE_MAX);
const text = (max: number) => z.string().trim().min(1).max(max);
const score = z.number().min(SCALE_MIN).max(SCALE_MAX);

/**
 * The previous cycle as the hidden sheet holds it, read back for a regeneration: undefined when
 * the workbook has no such sheet; a Danish problem naming the sheet and cell when its labels are
 * not where they belong (the sheet was edited). A value that is not what its cell should hold, or
 * looks like a CPR number, is read as blank.
 */
export function previousFromView(view: ReadView): { previous?: PreviousCycle; problem?: string } {
  if (!view.hasSheet(PREVIOUS_SHEET)) return {};
  const value = (ref: string): CellValue => {
    const c = view.cell(PREVIOUS_SHEET, ref);
    return c && c.type !== 'error' && c.type !== 'formula' && typeof c.value !== 'boolean' ? c.value : null;
  };
  const expected: [string, string][] = [
    [`A${ROW.file}`, LABELS.file],
    [`A${ROW.dato}`, LABELS.dato],
    [`A${ROW.kommune}`, LABELS.kommune],
    [`A${ROW.samlet}`, LABELS.samlet],
    ...PARAMETERS.map((p, i): [string, string] => [`A${ROW.firstParameter + i}`, p.navn]),
    ...INDICATORS.map((ind, i): [string, string] => [`A${FIRST_INDICATOR + i}`, ind.navn]),
  ];
  const wrong = expected.find(([ref, label]) => value(ref) !== label);
  if (wrong) {
    return { problem: `Arket "${PREVIOUS_SHEET}" er ændret (${PREVIOUS_SHEET}!${wrong[0]} skulle være "${wrong[1]}"), så resuméet er lavet uden sidste vurdering. Vælg sidste vurdering igen under Sammenlign.` };
  }
  // Anything CPR-shaped on the sheet (typed there by hand) is read as blank.
  const refs = [`B${ROW.file}`, previousCells.dato, previousCells.kommune, previousCells.samlet, ...PARAMETERS.map((_, i) => previousCells.rating(i)), ...INDICATORS.flatMap((ind) => [previousCells.figure(ind), previousCells.periode(ind)])];
  const withheld = withheldNames(new Map(refs.map((r) => [r, value(r)])));
  const get = <T>(schema: z.ZodType<T>, ref: string): T | null => {
    if (withheld.has(ref)) return null;
    const parsed = schema.safeParse(value(ref));
    return parsed.success ? parsed.data : null;
  };
  const dato = get(text(10), previousCells.dato);
  return {
    previous: {
      file: get(text(260), `B${ROW.file}`) ?? '',
      dato: dato === null ? null : (parseDanishDate(dato) ?? null),
      kommune: get(text(60), previousCells.kommune) ?? '',
      ratings: PARAMETERS.map((_, i) => get(rating, previousCells.rating(i)) ?? ''),
      samlet: get(score, previousCells.samlet) ?? '',
      indicators: Object.fromEntries(INDICATORS.map((ind) => [ind.id, { figure: get(z.number().finite(), previousCells.figure(ind)), periode: get(text(40), previousCells.periode(ind)) }])),
    },
  };
}
