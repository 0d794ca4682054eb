/**
 * The text of every formula the workbook computes, as functions of the cells they read. The
 * template and the parity tests both build their formulas here, so what LibreOffice recalculates in
 * the tests is exactly what analysts get. Only functions that Excel 2016 and LibreOffice 7 both have.
 * Each builder has its TypeScript mirror in score.ts.
 */
import { PARAMETERS, SELF_PARAMETERS, ASSESSED_PARAMETERS } from '../model/parameters';
import { SCALE_MAX, SCALE_MIN } from '../model/scale';
import { OFFICIAL_NAME_EXCEPTIONS } from '../model/geography';
import type { Comparison } from '../model/indicators';
import { literalMatchFormula } from './excel';

/** Text shown beside a rating cell holding something other than 1–4 or a scale label. */
export const INVALID_RATING_TEXT = `Ugyldig – vælg ${SCALE_MIN}–${SCALE_MAX}`;

const str = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * The rating a cell counts as (wildcards * ? ~ in typed text are matched literally): the whole number 1–4, or the number of a scale label typed as
 * text ("I nogen grad" → 3); anything else is "" and does not count.
 */
export function ratingValueFormula(cell: string, labels: string): string {
  return (
    `IF(ISNUMBER(${cell}),IF(AND(${cell}>=${SCALE_MIN},${cell}<=${SCALE_MAX},${cell}=INT(${cell})),${cell},""),` +
    `IFERROR(MATCH(${literalMatchFormula(`TRIM(${cell})`)},${labels},0),""))`
  );
}

/** The scale label of a counted value ("" when it does not count). */
export function valueLabelFormula(value: string, labels: string): string {
  return `IF(ISNUMBER(${value}),INDEX(${labels},${value}),"")`;
}

/** The label shown beside a rating cell, from its counted value. */
export function ratingLabelFormula(cell: string, value: string, labels: string): string {
  return `IF(ISNUMBER(${value}),INDEX(${labels},${value}),IF(ISBLANK(${cell}),"",${str(INVALID_RATING_TEXT)}))`;
}

export interface ScoreRefs {
  /** The counted values of all ten ratings. */
  all: string;
  /** The five self ratings' values. */
  egen: string;
  /** The five assessed ratings' values. */
  vurdering: string;
  /** The cell holding Score_Samlet (for Score_Niveau). */
  samlet: string;
  /** The scale's labels, in order 1..4. */
  labels: string;
}

const meanWhenComplete = (range: string, n: number) => `IF(COUNT(${range})=${n},ROUND(AVERAGE(${range}),1),"")`;

export function scoreFormulas(r: ScoreRefs) {
  return {
    antal: `COUNT(${r.all})`,
    samlet: meanWhenComplete(r.all, PARAMETERS.length),
    foreloebig: `IF(COUNT(${r.all})=0,"",ROUND(AVERAGE(${r.all}),1))`,
    egen: meanWhenComplete(r.egen, SELF_PARAMETERS.length),
    vurdering: meanWhenComplete(r.vurdering, ASSESSED_PARAMETERS.length),
    niveau: `IF(ISNUMBER(${r.samlet}),INDEX(${r.labels},ROUND(${r.samlet},0)),"")`,
  };
}

/**
 * A share from raw counts, rounded to the decimals shown; when the counts are not both given,
 * the share typed directly; otherwise blank.
 */
export function shareFormula(taeller: string, naevner: string, indtastet: string, decimals: number): string {
  return (
    `IF(COUNT(${taeller},${naevner})=2,IF(${naevner}>0,ROUND(${taeller}/${naevner},${decimals}),""),` +
    `IF(ISNUMBER(${indtastet}),${indtastet},""))`
  );
}

/**
 * The rank of a value among the values of a range, 1 = best: the lowest first when a higher figure
 * is worse, the highest first when it is better. Blank when the value is not a number.
 */
export function rankFormula(value: string, range: string, higherIsBetter: boolean): string {
  return `IF(ISNUMBER(${value}),RANK(${value},${range},${higherIsBetter ? 0 : 1}),"")`;
}

/**
 * "nr. 12 af 98": the rank found for a code in a table, out of the numbers in the range; for a
 * neutral indicator (ranked highest first, neither better nor worse) "12. højeste af 98".
 */
export function placeringFormula(code: string, codes: string, ranks: string, values: string, neutral = false): string {
  const rank = `INDEX(${ranks},MATCH(${code},${codes},0))`;
  const text = neutral ? `${rank}&". højeste af "&COUNT(${values})` : `"nr. "&${rank}&" af "&COUNT(${values})`;
  return `IFERROR(IF(ISNUMBER(${rank}),${text},""),"")`;
}

/** The change from the first to the last of a series, rounded as the figures are; blank unless both are numbers. */
export function changeFormula(first: string, last: string, decimals: number): string {
  return `IF(COUNT(${first},${last})=2,ROUND(${last}-${first},${decimals}),"")`;
}

/**
 * The overview's statistics are over the complete rows of a table the user may sort and filter:
 * absolute ranges over its whole data body, each row counted when its Samlet score is a number
 * above 0, hidden rows included. (In a comparison Excel ranks text above every number, so
 * "">0 is TRUE: hence ISNUMBER beside >0 in the array forms.) The columns hold numbers or nothing.
 */
const completeRows = (score: string) => `ISNUMBER(${score})*(${score}>0)`;

/** How many complete rows have a number in the column. */
export function completeCountFormula(range: string, score: string): string {
  return `COUNTIFS(${score},">0",${range},"<>")`;
}

/** The mean of the column over the complete rows; blank when none has a number. */
export function completeMeanFormula(range: string, score: string): string {
  return `IF(${completeCountFormula(range, score)}=0,"",AVERAGEIFS(${range},${score},">0"))`;
}

/** The mean of all the values of a block of `width` columns over the complete rows (each has all of them); blank when there is none. */
export function completeBlockMeanFormula(block: string, width: number, score: string): string {
  const n = `COUNTIFS(${score},">0")`;
  return `IF(${n}=0,"",SUMPRODUCT(${completeRows(score)}*${block})/(${width}*${n}))`;
}

/**
 * The median of the column over the complete rows; blank when none has a number. AGGREGATE(17,…,2)
 * is QUARTILE.INC's second quartile, over an array whose other rows are errors (6: ignored).
 */
export function completeMedianFormula(range: string, score: string): string {
  return `IF(${completeCountFormula(range, score)}=0,"",AGGREGATE(17,6,${range}/(ISNUMBER(${range})*${completeRows(score)}),2))`;
}

/**
 * Functions a file names with the _xlfn. prefix (newer than the file format's first functions):
 * Excel and LibreOffice read `_xlfn.AGGREGATE(` as AGGREGATE, and LibreOffice gives #VALUE!
 * without it. The descriptions and Office.js use the bare name; the file adapter adds it.
 */
export const PREFIXED_FUNCTIONS: readonly string[] = ['AGGREGATE'];

/** A formula as a file stores it: each prefixed function with _xlfn. (text in quotes left alone). */
export function fileFormula(formula: string): string {
  const fn = new RegExp(`(?<![A-Za-z0-9_.])(${PREFIXED_FUNCTIONS.join('|')})\\(`, 'g');
  return formula
    .split(/("(?:[^"]|"")*")/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(fn, '_xlfn.$1(')))
    .join('');
}

/** Text shown on the summary where a figure is missing. */
export const MISSING_TEXT = 'mangler';

/** A figure, or "mangler" when the cell holds no number. */
export function valueOrMissingFormula(ref: string): string {
  return `IF(ISNUMBER(${ref}),${ref},"${MISSING_TEXT}")`;
}

export const COMPARISON_TEXT: Record<Comparison, { high: string; low: string }> = {
  higherIsBetter: { high: 'bedre end landet', low: 'dårligere end landet' },
  higherIsWorse: { high: 'dårligere end landet', low: 'bedre end landet' },
  neutral: { high: 'højere end landet', low: 'lavere end landet' },
};

/** Whether the municipality's figure is better or worse than the country's, by the indicator's direction. */
export function versusNationalFormula(kommune: string, land: string, comparison: Comparison): string {
  const { high, low } = COMPARISON_TEXT[comparison];
  return `IF(COUNT(${kommune},${land})=2,IF(${kommune}=${land},"som landet",IF(${kommune}>${land},"${high}","${low}")),"")`;
}

/**
 * The official name of the municipality named in `ref` ("Københavns Kommune", "Ishøj Kommune"),
 * from the model's exceptions; the name is one of the list's (the reader checks it).
 */
export function officialNameFormula(ref: string): string {
  const name = `TRIM(${ref})`;
  return Object.entries(OFFICIAL_NAME_EXCEPTIONS).reduceRight((rest, [short, official]) => `IF(${name}="${short}","${official}",${rest})`, `${name}&" Kommune"`);
}
