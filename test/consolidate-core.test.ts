/**
 * The consolidation's rules on checked files, without files (src/consolidate/consolidate.ts):
 * the same bytes twice one assessment (the first in Danish name order); same-date conflicts
 * rejected, each naming the others; history by date, a blank date
 * the oldest; the order of the rows; the periods that differ.
 */
import { consolidate, decideFiles } from '../src/consolidate/consolidate';
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

it('three copies of the same bytes are one assessment: the first in Danish name order is used, the others rejected naming it', () => {
  // Danish order: "aa" is "å", after "z".
  const c = consolidate([checked('aa.xlsx', 'Ishøj', '2019-01-01', all(3), 'x'), checked('b.xlsx', 'Ishøj', '2019-01-01', all(3), 'x'), checked('c.xlsx', 'Ishøj', '2019-01-01', all(3), 'x')]);
  expect(c.files.map((f) => [f.file, f.status, f.role])).toEqual([
    ['aa.xlsx', 'afvist', null],
    ['b.xlsx', 'godkendt', 'række'],
    ['c.xlsx', 'afvist', null],
  ]);
  expect(c.files[1]!.reasons.map((r) => r.message)).toEqual([expect.stringMatching(/^kopi: c\.xlsx og aa\.xlsx har samme indhold/)]);
  expect(c.files[0]!.reasons[0]!.message).toMatch(/^samme indhold som b\.xlsx, som er brugt/);
  expect(c.files[2]!.reasons[0]!.message).toMatch(/^samme indhold som b\.xlsx, som er brugt/);
  expect(c.rows.map((r) => r.file)).toEqual(['b.xlsx']);
});

it('a copy keeps the used file’s own status (a warning stays a warning), and the row is never an older assessment instead', () => {
  const newest = { ...checked('ny.xlsx', 'Køge', '2019-05-01', all(4), 'x'), status: 'advarsel' as const, reasons: [{ sheet: null, cell: null, name: null, message: 'En advarsel.' }] };
  const c = consolidate([checked('gammel.xlsx', 'Køge', '2017-05-01', all(2)), { ...newest, file: 'nyt.xlsx' }, newest]);
  expect(c.files.map((f) => [f.file, f.status, f.role])).toEqual([
    ['gammel.xlsx', 'godkendt', 'forrige'],
    ['nyt.xlsx', 'afvist', null],
    ['ny.xlsx', 'advarsel', 'række'],
  ]);
  expect(c.files[2]!.reasons.map((r) => r.message)).toEqual(['En advarsel.', expect.stringMatching(/^kopi: nyt\.xlsx har samme indhold/)]);
  expect(c.rows.map((r) => [r.file, r.change])).toEqual([['ny.xlsx', 2]]);
});

it('a copy of a rejected file is rejected too, naming it without saying it is used', () => {
  const broken = { file: 'b.xlsx', sha256: 'x', status: 'afvist' as const, reasons: [{ sheet: null, cell: null, name: null, message: 'Beskadiget.' }], version: null };
  const c = consolidate([{ ...broken, file: 'c.xlsx' }, broken]);
  expect(c.files.map((f) => [f.file, f.status, f.reasons.map((r) => r.message)])).toEqual([
    ['c.xlsx', 'afvist', [expect.stringMatching(/^samme indhold som b\.xlsx \(SHA-256 er ens\)/), 'Beskadiget.']],
    ['b.xlsx', 'afvist', ['Beskadiget.', expect.stringMatching(/^kopi: c\.xlsx har samme indhold/)]],
  ]);
});

it('a copy of one of two same-date files: the copy rejected as a copy (not saying the other is used), the two different files each naming the other', () => {
  const c = consolidate([checked('a.xlsx', 'Vejle', '2019-01-10', all(3), 'x'), checked('a2.xlsx', 'Vejle', '2019-01-10', all(3), 'x'), checked('b.xlsx', 'Vejle', '2019-01-10', all(1), 'y')]);
  expect(c.files.map((f) => f.status)).toEqual(['afvist', 'afvist', 'afvist']);
  expect(c.files[0]!.reasons.map((r) => r.message)).toEqual([expect.stringMatching(/samme vurderingsdato \(10-01-2019\): b\.xlsx\./), expect.stringMatching(/^kopi: a2\.xlsx/)]);
  // a.xlsx is not used after all (the same-date rule rejects it): its copy never says it is.
  expect(c.files[1]!.reasons[0]!.message).toMatch(/^samme indhold som a\.xlsx \(SHA-256 er ens\)/);
  expect(c.files[2]!.reasons[0]!.message).toMatch(/samme vurderingsdato \(10-01-2019\): a\.xlsx\./);
  expect(c.rows).toEqual([]);
});

it('decideFiles gives the final statuses consolidate gives, in the order given', () => {
  const input = [checked('b.xlsx', 'Ishøj', '2019-01-01', all(3), 'x'), checked('a.xlsx', 'Ishøj', '2019-01-01', all(3), 'x'), checked('k.xlsx', 'Køge', null, all(2))];
  expect(decideFiles(input)).toEqual(consolidate(input).files);
  expect(decideFiles(input).map((f) => f.file)).toEqual(['b.xlsx', 'a.xlsx', 'k.xlsx']);
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
