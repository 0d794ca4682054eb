/**
 * The consolidation's rules on checked files, without files (src/consolidate/consolidate.ts):
 * copies and same-date conflicts rejected, each naming the others; history by date, a blank date
 * the oldest; the order of the rows; the periods that differ.
 */
import { consolidate } from '../src/consolidate/consolidate';
import type { Entry, FileCheck } from '../src/consolidate/check';
import { findKommune } from '../src/model/geography';
import { INDICATORS } from '../src/model/indicators';
import { scoreCells } from '../src/scoring/score';

function checked(file: string, kommune: string, dato: string | null, ratings: (number | '')[], sha = file, periode = '2019'): FileCheck {
  const entry: Entry = {
    kommune: findKommune(kommune)!,
    dato,
    ratings,
    score: scoreCells(ratings),
    indicators: Object.fromEntries(INDICATORS.map((i) => [i.id, { figure: 1, periode }])),
  };
  return { file, sha256: sha, status: 'godkendt', reasons: [], version: '1.1', entry };
}
const all = (n: number) => Array.from({ length: 10 }, () => n);

it('three copies of the same bytes: each rejected, naming the two others', () => {
  const c = consolidate([checked('a.xlsx', 'Ishøj', '2019-01-01', all(3), 'x'), checked('b.xlsx', 'Ishøj', '2019-01-01', all(3), 'x'), checked('c.xlsx', 'Ishøj', '2019-01-01', all(3), 'x')]);
  expect(c.files.map((f) => f.status)).toEqual(['afvist', 'afvist', 'afvist']);
  expect(c.files[0]!.reasons[0]!.message).toMatch(/som b\.xlsx og c\.xlsx/);
  expect(c.rows).toEqual([]);
});

it('a blank date is the oldest of a municipality’s history; the one before the newest gives the change', () => {
  const c = consolidate([checked('blank.xlsx', 'Køge', null, all(1)), checked('2019.xlsx', 'Køge', '2019-05-01', all(4)), checked('2017.xlsx', 'Køge', '2017-05-01', all(2))]);
  expect(c.files.map((f) => [f.file, f.status, f.role])).toEqual([
    ['blank.xlsx', 'godkendt', 'ældre'],
    ['2019.xlsx', 'godkendt', 'række'],
    ['2017.xlsx', 'godkendt', 'forrige'],
  ]);
  expect(c.rows.map((r) => [r.file, r.change])).toEqual([['2019.xlsx', 2]]);
});

it('two blank dates of one municipality conflict, and a third file of another date stays', () => {
  const c = consolidate([checked('a.xlsx', 'Vejle', null, all(1)), checked('b.xlsx', 'Vejle', null, all(2)), checked('c.xlsx', 'Vejle', '2019-01-01', all(3))]);
  expect(c.files.map((f) => f.status)).toEqual(['afvist', 'afvist', 'godkendt']);
  expect(c.files[0]!.reasons[0]!.message).toMatch(/samme vurderingsdato \(tom\): b\.xlsx/);
  expect(c.rows.map((r) => [r.file, r.change])).toEqual([['c.xlsx', '']]);
});

it('rows by score, highest first; ties by name; incomplete last', () => {
  const c = consolidate([
    checked('odense.xlsx', 'Odense', '2019-01-01', [...all(4).slice(0, 9), '']),
    checked('aarhus.xlsx', 'Aarhus', '2019-01-01', all(2)),
    checked('aalborg.xlsx', 'Aalborg', '2019-01-01', all(2)),
    checked('koege.xlsx', 'Køge', '2019-01-01', all(3)),
  ]);
  expect(c.rows.map((r) => r.entry.kommune.navn)).toEqual(['Køge', 'Aalborg', 'Aarhus', 'Odense']);
});

it('a period most rows share, and the rows that differ', () => {
  const c = consolidate([checked('a.xlsx', 'Aarhus', '2019-01-01', all(2)), checked('b.xlsx', 'Aalborg', '2019-01-01', all(2)), checked('c.xlsx', 'Køge', '2019-01-01', all(2), 'c', '2018')]);
  expect(c.periods).toHaveLength(INDICATORS.length);
  expect(c.periods[0]).toMatchObject({ common: '2019', count: 2, differing: [{ file: 'c.xlsx', periode: '2018' }] });
});
