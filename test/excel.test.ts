import { approxEqual, average, count, round, trim } from '../src/scoring/excel';

describe('Excel ROUND', () => {
  it.each([
    [1.005, 2, 1.01],
    [0.285, 2, 0.29],
    [2.675, 2, 2.68],
    [1.015, 2, 1.02],
    [0.5, 0, 1],
    [1.5, 0, 2],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [-1.005, 2, -1.01],
    [2.25, 1, 2.3],
    [2.35, 1, 2.4],
    [2.45, 1, 2.5],
    [3, 1, 3],
    [0.2285, 3, 0.229],
    [0.0005, 3, 0.001],
    [0.0004999, 3, 0],
    [1234.5678, -2, 1200],
    [1250, -2, 1300],
    [0.04, 0, 0],
    [0, 2, 0],
    [1e-20, 2, 0],
    [123456789012345.6, 0, 123456789012346],
  ])('ROUND(%p; %p) = %p', (x, digits, expected) => {
    expect(round(x, digits)).toBe(expected);
  });

  it('differs from Math.round and toFixed where Excel does', () => {
    expect(Math.round(1.005 * 100) / 100).toBe(1);
    expect((0.285).toFixed(2)).toBe('0.28');
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(0.285, 2)).toBe(0.29);
  });

  it('never returns negative zero', () => {
    expect(Object.is(round(-0.0001, 2), 0)).toBe(true);
  });
});

describe('other Excel semantics', () => {
  it('TRIM collapses inner runs of spaces', () => {
    expect(trim('  I   nogen grad ')).toBe('I nogen grad');
  });
  it('COUNT and AVERAGE ignore blanks and text', () => {
    expect(count([1, null, 'x', 3, ''])).toBe(2);
    expect(average([1, null, 'x', 3, ''])).toBe(2);
    expect(average([null, ''])).toBeUndefined();
  });
  it('compares numbers to about 15 significant digits', () => {
    expect(approxEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(approxEqual(1, 1.0000001)).toBe(false);
  });
});
