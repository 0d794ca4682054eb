/**
 * The TypeScript mirror of the workbook's formulas (formulas.ts): for any cell contents it gives
 * what Excel and LibreOffice compute, blanks, text and rounding included.
 */
import { PARAMETERS } from '../model/parameters';
import { SCALE, SCALE_MAX, SCALE_MIN } from '../model/scale';
import type { Comparison } from '../model/indicators';
import { COMPARISON_TEXT, INVALID_RATING_TEXT, MISSING_TEXT } from './formulas';
import { approxEqual, asText, average, count, median, greaterOrEqual, int, isNumber, round, subtract, textEquals, trim, type CellValue, type FormulaValue } from './excel';

/** Mirror of ratingValueFormula. */
export function ratingValue(cell: CellValue): FormulaValue {
  if (isNumber(cell)) {
    return greaterOrEqual(cell, SCALE_MIN) && greaterOrEqual(SCALE_MAX, cell) && approxEqual(cell, int(cell)) ? cell : '';
  }
  const text = trim(asText(cell));
  const index = SCALE.findIndex((s) => textEquals(s.label, text));
  return index >= 0 ? index + 1 : '';
}

/** Mirror of valueLabelFormula. */
export function valueLabel(value: FormulaValue): string {
  return isNumber(value) ? SCALE[int(value) - 1]!.label : '';
}

/** Mirror of ratingLabelFormula. */
export function ratingLabel(cell: CellValue): string {
  const value = ratingValue(cell);
  if (isNumber(value)) return valueLabel(value);
  return cell === null ? '' : INVALID_RATING_TEXT;
}

export interface ScoreResult {
  antal: number;
  samlet: FormulaValue;
  foreloebig: FormulaValue;
  egen: FormulaValue;
  vurdering: FormulaValue;
  niveau: string;
}

const meanWhenComplete = (values: FormulaValue[]): FormulaValue =>
  count(values) === values.length ? round(average(values)!, 1) : '';

/**
 * Mirror of scoreFormulas, from the ten rating cells as they stand (in PARAMETERS order).
 */
export function scoreCells(cells: readonly CellValue[]): ScoreResult {
  if (cells.length !== PARAMETERS.length) {
    throw new Error(`Expected ${PARAMETERS.length} rating cells, got ${cells.length}`);
  }
  const values = cells.map(ratingValue);
  const egen = values.filter((_, i) => PARAMETERS[i]!.kind === 'egen');
  const vurdering = values.filter((_, i) => PARAMETERS[i]!.kind === 'vurdering');
  const antal = count(values);
  const samlet = meanWhenComplete(values);
  return {
    antal,
    samlet,
    foreloebig: antal === 0 ? '' : round(average(values)!, 1),
    egen: meanWhenComplete(egen),
    vurdering: meanWhenComplete(vurdering),
    niveau: isNumber(samlet) ? valueLabel(round(samlet, 0)) : '',
  };
}

/** Mirror of shareFormula. */
export function shareValue(taeller: CellValue, naevner: CellValue, indtastet: CellValue, decimals: number): FormulaValue {
  if (isNumber(taeller) && isNumber(naevner)) {
    return naevner > 0 ? round(taeller / naevner, decimals) : '';
  }
  return isNumber(indtastet) ? indtastet : '';
}

/** The score as JSON wants it: null for blank. */
export interface ScoreJson {
  antal: number;
  samlet: number | null;
  foreloebig: number | null;
  egen: number | null;
  vurdering: number | null;
  niveau: string | null;
}

export function scoreJson(s: ScoreResult): ScoreJson {
  const num = (v: FormulaValue) => (isNumber(v) ? v : null);
  return {
    antal: s.antal,
    samlet: num(s.samlet),
    foreloebig: num(s.foreloebig),
    egen: num(s.egen),
    vurdering: num(s.vurdering),
    niveau: s.niveau === '' ? null : s.niveau,
  };
}

/** Mirror of rankFormula: 1 + how many numbers in the range are strictly better. */
export function rankValue(value: CellValue, range: readonly CellValue[], higherIsBetter: boolean): FormulaValue {
  if (!isNumber(value)) return '';
  let better = 0;
  for (const v of range) if (isNumber(v) && !approxEqual(v, value) && (higherIsBetter ? v > value : v < value)) better++;
  return better + 1;
}

/** Mirror of placeringFormula, given the rank found (or undefined when the code is not in the table). */
export function placeringText(rank: FormulaValue | undefined, values: readonly CellValue[], neutral = false): string {
  if (rank === undefined || !isNumber(rank)) return '';
  return neutral ? `${rank}. højeste af ${count(values)}` : `nr. ${rank} af ${count(values)}`;
}

/** Mirror of changeFormula. */
export function changeValue(first: FormulaValue | CellValue, last: FormulaValue | CellValue, decimals: number): FormulaValue {
  return isNumber(first) && isNumber(last) ? round(subtract(last, first), decimals) : '';
}

/** Mirror of valueOrMissingFormula. */
export function valueOrMissing(v: CellValue | FormulaValue): FormulaValue {
  return isNumber(v) ? v : MISSING_TEXT;
}

/** Mirror of versusNationalFormula. */
export function versusNational(kommune: CellValue | FormulaValue, land: CellValue | FormulaValue, comparison: Comparison): string {
  if (!isNumber(kommune) || !isNumber(land)) return '';
  if (approxEqual(kommune, land)) return 'som landet';
  return kommune > land ? COMPARISON_TEXT[comparison].high : COMPARISON_TEXT[comparison].low;
}

/** A row of the overview as its statistics see it: its Samlet score and the values of the column (or block). */
export interface StatisticsRow {
  score: FormulaValue;
  values: readonly (CellValue | FormulaValue)[];
}
const completeValues = (rows: readonly StatisticsRow[]) => rows.filter((r) => isNumber(r.score) && r.score > 0).flatMap((r) => r.values);

/** Mirror of completeCountFormula (the column holds numbers or nothing). */
export function completeCountValue(rows: readonly StatisticsRow[]): number {
  return count(completeValues(rows));
}

/** Mirror of completeMeanFormula. */
export function completeMeanValue(rows: readonly StatisticsRow[]): FormulaValue {
  return average(completeValues(rows)) ?? '';
}

/** Mirror of completeBlockMeanFormula: the block's sum over the complete rows, divided by the width times their number. */
export function completeBlockMeanValue(rows: readonly StatisticsRow[], width: number): FormulaValue {
  const complete = rows.filter((r) => isNumber(r.score) && r.score > 0);
  if (complete.length === 0) return '';
  let sum = 0;
  for (const v of complete.flatMap((r) => r.values)) if (isNumber(v)) sum += v;
  return sum / (width * complete.length);
}

/** Mirror of completeMedianFormula. */
export function completeMedianValue(rows: readonly StatisticsRow[]): FormulaValue {
  return median(completeValues(rows)) ?? '';
}

