/**
 * CPR-shaped numbers: the one predicate that decides whether a value read from an input cell (or
 * a name the user gave: a file, a sheet, a defined name) is shaped like a Danish personal number,
 * and the one mask every output uses instead of it. Figures a pull computed are not input cells:
 * nothing here is applied to them.
 */

/** What every output shows instead of a CPR-shaped number. */
export const CPR_MASK = 'xxxxxx-xxxx';

/** Why a text holding one is refused; it never repeats the number. */
export const CPR_MESSAGE =
  'Teksten indeholder noget, der ligner et CPR-nummer. Parathedsvurderingen bygger kun på aggregerede tal: fjern personnummeret.';

/** Each month's last day (29 February always: the number does not say the century). */
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "DDMMYY" is a real date. */
function isBirthDate(six: string): boolean {
  const day = Number(six.slice(0, 2));
  const month = Number(six.slice(2, 4));
  return month >= 1 && month <= 12 && day >= 1 && day <= MONTH_DAYS[month - 1]!;
}

/**
 * Ten digits, DDMMYY and four more, with or without a dash (or a hyphen Word or Excel's
 * autocorrect typed, spaces around it or not) or spaces (any, a non-breaking one too) between,
 * not part of a longer number. The date is checked apart.
 */
const TEN_DIGITS = /(?<!\d)(\d{6})(?:\s*[-\u2010-\u2014]\s*|\s+)?(\d{4})(?!\d)/g;

/** An integer of nine or ten digits whose ten digits (a leading zero put back) start with a date. */
function isCprNumber(n: number): boolean {
  const whole = Math.abs(n);
  if (!Number.isInteger(whole) || whole < 1e8 || whole >= 1e10) return false;
  return isBirthDate(String(whole).padStart(10, '0'));
}

/**
 * The number a whole text spells as Excel or a user may write one: 101901234, 101901234.0,
 * 101.901.234 or 101 901 234, 1.01901234E+08 or 1,01901234E8 (a 0101901234 typed into a General
 * cell becomes the number 101901234, and a text copied from elsewhere may show it so).
 */
function numberSpelled(text: string): number | undefined {
  const t = text.trim().replace(/^[-+]/, '');
  const plain = /^(\d+)(?:[.,]0+)?$/.exec(t);
  if (plain) return Number(plain[1]);
  const grouped = /^(\d{1,3}(?:([.,\s\u00a0\u202f])\d{3})+)(?:[.,]0+)?$/.exec(t);
  if (grouped) return Number(grouped[1]!.replace(/\D/g, ''));
  const scientific = /^(\d)(?:[.,](\d+))?\s*[eE]\s*\+?(\d{1,2})$/.exec(t);
  if (scientific) return Number(`${scientific[1]}.${scientific[2] ?? '0'}e${scientific[3]}`);
  return undefined;
}

/**
 * The one predicate: whether a cell's value (text or number; anything else never is) is, or
 * holds, something shaped like a CPR number. Text: ten digits with or without a dash or a space,
 * anywhere in it, or the whole text a nine- or ten-digit number however written. A number: nine
 * or ten digits. Either way the first six digits (a leading zero put back) are a date, DDMMYY.
 */
export function looksLikeCpr(value: unknown): boolean {
  if (typeof value === 'number') return isCprNumber(value);
  if (typeof value !== 'string') return false;
  for (const m of value.matchAll(TEN_DIGITS)) if (isBirthDate(m[1]!)) return true;
  const n = numberSpelled(value);
  return n !== undefined && isCprNumber(n);
}

/**
 * A text to show with every CPR-shaped number in it replaced by "xxxxxx-xxxx" (a file or sheet
 * name, say, stays recognisable); a whole text that is one is the mask alone.
 */
export function maskCpr(text: string): string {
  const n = numberSpelled(text);
  if (n !== undefined && isCprNumber(n)) return CPR_MASK;
  return text.replace(TEN_DIGITS, (all, six: string) => (isBirthDate(six) ? CPR_MASK : all));
}

/** A cell's value kept only to be shown: the mask in its place when it is CPR-shaped. */
export function maskedValue<T>(value: T): T | typeof CPR_MASK {
  return looksLikeCpr(value) ? CPR_MASK : value;
}

/** A cell's value as text to show: the mask when it is CPR-shaped. */
export function shownValue(value: unknown): string {
  return looksLikeCpr(value) ? CPR_MASK : maskCpr(String(value));
}
