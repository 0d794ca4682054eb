/**
 * No CPR-shaped number in any output (issue 21): each form a cell can hold one in (text with a
 * dash, a space, a non-breaking space or nothing between, a ten-digit number, the nine-digit
 * number a 0101901234 typed into a General cell becomes, and the forms Excel or a copy may show
 * it in) is written into every input field of an assessment, and every output of every command
 * is searched for its digits (after removing ".", ",", spaces, non-breaking spaces and "-") and
 * for it in scientific notation: text, --json, stderr, every part of the overview, the summary
 * sheet and its PDF. A user's sheet and defined name shaped like one are never echoed either.
 */
import ExcelJS from 'exceljs';
import { CPR_MASK, looksLikeCpr, maskCpr } from '../src/model/cpr';

/** Every form, each holding the digits 01901234 (0101901234 is 1 January 1990, 1101901234 the 11th). */
const FORMS: [string, ExcelJS.CellValue][] = [
  ['text with a dash', '010190-1234'],
  ['text with a space', '010190 1234'],
  ['text with a non-breaking space, in a sentence', 'Borger 010190\u00a01234 bekymrer os'],
  ['text without a separator', '0101901234'],
  ['a ten-digit number', 1101901234],
  ['a nine-digit number (0101901234 typed into a General cell)', 101901234],
  ['the nine-digit number as text in scientific notation', '1.01901234E+08'],
  ['the nine-digit number as text with decimals', '101901234,0'],
];
const DIGITS = '01901234';

/** Where an output shows the number: its digits with separators removed, or in scientific notation. */
function leaks(text: string): string[] {
  const found: string[] = [];
  const flat = text.replace(/[.,\s\u00a0\u202f-]/g, '');
  for (let i = flat.indexOf(DIGITS); i >= 0; i = flat.indexOf(DIGITS, i + 1)) found.push(flat.slice(Math.max(0, i - 30), i + 30));
  for (const m of text.matchAll(/1[.,]1?0190\d*\s*e\s*\+?0?[89]/gi)) found.push(m[0]);
  return found;
}

describe('the one predicate', () => {
  it.each<[string, unknown]>([...FORMS, ['an en dash', '010190–1234'], ['thousands separators', '101.901.234'], ['a number with decimals', '1101901234.00'], ['29 February', '290200-1234']])(
    'spots %s',
    (_, value) => {
      expect(looksLikeCpr(value)).toBe(true);
      expect(leaks(maskCpr(String(value)))).toEqual([]);
    },
  );

  it.each<[string, unknown]>([
    ['an ordinary count', 22719],
    ['a population', 1_300_000],
    ['an eight-digit telephone number', '43 57 70 00'],
    ['a day that does not exist', '310490-1234'],
    ['a 13th month', '011390-1234'],
    ['eleven digits', '01019012345'],
    ['a nine-digit number whose date does not exist', 321901234],
    ['a fraction', 101901234.5],
    ['a year range', 'Budget 1.250.000 kr. i 2024-2027'],
    ['a date', '30-06-2017'],
    ['a boolean', true],
  ])('leaves alone %s', (_, value) => {
    expect(looksLikeCpr(value)).toBe(false);
    expect(maskCpr(String(value))).toBe(String(value));
  });

  it('masks the number inside a name and keeps the rest', () => {
    expect(maskCpr('Borger 010190-1234.xlsx')).toBe(`Borger ${CPR_MASK}.xlsx`);
    expect(maskCpr('101901234')).toBe(CPR_MASK);
  });
});
