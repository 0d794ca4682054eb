/**
 * The few Excel semantics the score formulas rely on, implemented the way Excel (and LibreOffice,
 * the reference engine in the tests) computes them rather than the way JavaScript does.
 */

/** A cell's content as a formula sees it. `null` is an empty cell. */
export type CellValue = number | string | boolean | null;

/** What a formula returns: a number, or text ("" for the empty text the templates use for blank). */
export type FormulaValue = number | string;

/** ISNUMBER: true for numbers only (not for text that looks like a number, nor for TRUE/FALSE). */
export function isNumber(v: CellValue | FormulaValue): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/**
 * ROUND(x; digits): half away from zero, on the value as Excel sees it, i.e. after reducing it to
 * 15 significant digits. So ROUND(1.005; 2) = 1.01 and ROUND(0.285; 2) = 0.29, where
 * Math.round(x * 100) / 100 and toFixed give 1 and 0.28 because 1.005 and 0.285 are stored a hair
 * below the decimal value.
 */
export function round(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const d = Math.trunc(digits);
  const negative = x < 0;
  // 15 significant digits, in scientific form: "d.dddddddddddddde±E".
  const [mantissa, expPart] = Math.abs(x).toExponential(14).split('e') as [string, string];
  const sig = mantissa.replace('.', '');
  const exponent = Number(expPart);
  // Keep the digits up to 10^-d: that is `keep` of the 15 significant digits.
  const keep = exponent + 1 + d;
  let result: number;
  if (keep >= sig.length) {
    result = Number(`${sig}e${exponent - 14}`);
  } else if (keep < 0) {
    result = 0;
  } else {
    let kept = keep === 0 ? 0n : BigInt(sig.slice(0, keep));
    if (sig.charCodeAt(keep) >= 53 /* '5' */) kept += 1n;
    result = Number(`${kept}e${-d}`);
  }
  return negative && result !== 0 ? -result : result;
}

/**
 * The equality Excel and LibreOffice use when comparing numbers: equal when they agree to about
 * 15 significant digits (relative difference below 2^-48), so 0.1 + 0.2 = 0.3 is TRUE.
 */
export function approxEqual(a: number, b: number): boolean {
  if (a === b) return true;
  if (a === 0 || b === 0) return false;
  const d = Math.abs(a - b);
  return d < Math.abs(a) * 2 ** -48 && d < Math.abs(b) * 2 ** -48;
}

/** a - b as the engines subtract: 0 when the two are approximately equal. */
export function subtract(a: number, b: number): number {
  return (a >= 0) === (b >= 0) && approxEqual(a, b) ? 0 : a - b;
}

/** a >= b as a formula compares: equal when approximately equal. */
export function greaterOrEqual(a: number, b: number): boolean {
  return a > b || approxEqual(a, b);
}

/** INT: rounds down, after reducing the value to 15 significant digits as the engines do. */
export function int(x: number): number {
  return Math.floor(Number(x.toPrecision(15)));
}

/** Escapes the wildcard characters * ? ~ so MATCH(…; …; 0) compares text literally. */
export function literalMatchFormula(text: string): string {
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${text},"~","~~"),"*","~*"),"?","~?")`;
}

/** TRIM: removes leading and trailing spaces and collapses runs of spaces inside to one. */
export function trim(text: string): string {
  return text.replace(/ +/g, ' ').replace(/^ | $/g, '');
}

/** The text form of a cell value as TRIM or MATCH would see it. */
export function asText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** Case-insensitive text comparison, as MATCH(…; …; 0) does it. */
export function textEquals(a: string, b: string): boolean {
  return a.toLocaleUpperCase('da-DK') === b.toLocaleUpperCase('da-DK');
}

/** COUNT over values: how many are numbers. */
export function count(values: readonly (CellValue | FormulaValue)[]): number {
  return values.filter(isNumber).length;
}

/** AVERAGE over a range: the mean of the numbers, ignoring blanks and text. Undefined when none. */
export function average(values: readonly (CellValue | FormulaValue)[]): number | undefined {
  const nums = values.filter(isNumber);
  if (nums.length === 0) return undefined;
  let sum = 0;
  for (const n of nums) sum += n;
  return sum / nums.length;
}

/** MEDIAN over a range: the middle of the numbers (the mean of the two middle ones), ignoring blanks and text. Undefined when none. */
export function median(values: readonly (CellValue | FormulaValue)[]): number | undefined {
  const nums = values.filter(isNumber).sort((a, b) => a - b);
  if (nums.length === 0) return undefined;
  const mid = nums.length >> 1;
  return nums.length % 2 === 1 ? nums[mid]! : (nums[mid - 1]! + nums[mid]!) / 2;
}
