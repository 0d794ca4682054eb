/**
 * validateCells builds its partial assessment field by field (each field and each share's
 * counts checked by their own schemas), and does not parse the whole again: the whole is what
 * the schema accepts, as it is, whatever the cells hold.
 */
import { TEMPLATE_VERSION, VURDERING_DATO_NAME } from '../src/model/indicators';
import { MAX_SERIAL } from '../src/workbook/formats';
import { assessmentSchema } from '../src/model/schema';
import type { CellValue } from '../src/scoring/excel';
import { inputFields } from '../src/workbook/fields';
import { validateCells, type FoundCell } from '../src/workbook/validate';
import { currentLayout, location } from '../src/workbook/versions';

const SAMPLES: CellValue[] = [
  null, '', ' ', 0, 1, 2, 3, 4, 5, 2.5, -3, 0.071, 7.1, 1e7, 12, 40, 3_000_000, true, false,
  'Ishøj', 'ishøj ', 'Atlantis', '183', '0183', '30-06-2017', '31-02-2017', 'Radikalisering', 'x'.repeat(300), 'y'.repeat(40_000), '010203-1234', '2017', '12,5',
];

describe('the partial assessment', () => {
  it('is one the schema accepts as it is, whatever the cells hold', () => {
    const layout = currentLayout();
    const fields = inputFields().filter((f) => f.name in layout.names);
    let problems = 0;
    for (let seed = 0; seed < 80; seed++) {
      const find = (name: string): FoundCell => {
        const i = fields.findIndex((f) => f.name === name);
        const value = SAMPLES[(i * 7 + seed * 13 + ((i * seed) % 5)) % SAMPLES.length]!;
        return { at: location(layout.names[name]!), value, ...(seed % 11 === 0 && i % 3 === 0 ? { date: true } : {}) };
      };
      const result = validateCells(TEMPLATE_VERSION, find, layout);
      problems += result.problems.length;
      expect(assessmentSchema.parse(result.partial)).toEqual(result.partial);
    }
    // The samples do break fields and shares (the check is not of empty assessments only).
    expect(problems).toBeGreaterThan(100);
  });
});

describe('a date cell', () => {
  const layout = currentLayout();
  const fields = inputFields().filter((f) => f.name in layout.names);
  const read = (date: CellValue) =>
    validateCells(TEMPLATE_VERSION, (name) => ({ at: location(layout.names[name]!), value: name === VURDERING_DATO_NAME ? date : null, ...(name === VURDERING_DATO_NAME ? { date: true } : {}) }), layout);

  it('reads Excel’s serial numbers up to its last date, 31-12-9999', () => {
    expect(fields.some((f) => f.name === VURDERING_DATO_NAME)).toBe(true);
    expect(read(42916).partial?.vurderingDato).toBe('2017-06-30');
    // Read as a date, then held to the template's years.
    expect(read(MAX_SERIAL).problems.find((p) => p.name === VURDERING_DATO_NAME)?.message).toMatch(/mellem 2000 og 2099/);
  });

  it('past that is a problem in Danish at its cell, not a crash', () => {
    for (const huge of [MAX_SERIAL + 1, 1e9, Number.MAX_VALUE]) {
      const result = read(huge);
      expect(result.partial?.vurderingDato).toBeNull();
      expect(result.problems.find((p) => p.name === VURDERING_DATO_NAME)?.message).toMatch(/er ikke en dato: skriv datoen som dd-mm-åååå/);
    }
  });
});
