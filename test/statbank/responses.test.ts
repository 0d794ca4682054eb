/** The parsers against every real recorded StatBank response in shared/statbank/fixtures. */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { z } from 'zod';
import { ParseError, parseApiError, parseCsv, parseJsonStat, parseTableInfo } from '../../src/statbank/responses';

/** Copies of shared/statbank/fixtures: real responses recorded from api.statbank.dk, with provenance. */
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'statbank');
const read = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

describe('recorded StatBank responses', () => {
  it('the fixtures folder holds the recorded responses', () => {
    expect(readdirSync(FIXTURES).filter((f) => !f.endsWith('.source.txt') && f !== 'README.md').length).toBeGreaterThanOrEqual(7);
  });

  it.each(['tableinfo-STRAF42-da.json', 'tableinfo-STRAF42-en.json'])('%s parses, with codes, the time variable and a mandatory footnote', (file) => {
    const info = parseTableInfo(read(file));
    expect(info.id).toBe('STRAF42');
    expect(info.active).toBe(true);
    expect(info.footnote?.mandatory).toBe(true);
    const ids = info.variables.map((v) => v.id);
    expect(ids).toEqual(['HERKOMST1', 'OVERTRÆD', 'AFGØRELSE', 'ALDER', 'KØN', 'Tid']);
    expect(info.variables.find((v) => v.time)?.values.map((v) => v.id)).toContain('2023');
    const overtraed = info.variables.find((v) => v.id === 'OVERTRÆD')!.values.map((v) => v.id);
    expect(overtraed).toEqual(expect.arrayContaining(['TOT', '1', '3210', '3410']));
  });

  it('JSON-stat data with two variables selected', () => {
    const cube = parseJsonStat(read('data-STRAF42-jsonstat-en.json'));
    expect(cube.dimensions.map((d) => d.id)).toEqual(['HERKOMST1', 'ContentsCode', 'Tid']);
    expect(cube.value({ HERKOMST1: '00', TID: '2023' })).toBe(233454);
    expect(cube.value({ HERKOMST1: '80', TID: '2023' })).toBeNull();
  });

  it('JSON-stat data with every variable eliminated (only the latest period)', () => {
    const cube = parseJsonStat(read('data-STRAF42-jsonstat-all-eliminated-en.json'));
    const tid = cube.dimensions.find((d) => d.id === 'Tid')!;
    expect(tid.codes).toHaveLength(1);
    expect(cube.value({ Tid: tid.codes[0]! })).toEqual(expect.any(Number));
  });

  it('CSV data: BOM, ";", CRLF', () => {
    const cube = parseCsv(read('data-STRAF42-csv-en.csv'));
    expect(cube.dimensions.map((d) => d.id)).toEqual(['HERKOMST1', 'TID']);
    expect(cube.value({ HERKOMST1: 'Total', TID: '2023' })).toBe(233454);
    expect(cube.value({})).toBe(233454);
  });

  it('CSV with a decimal comma', () => {
    expect(parseCsv('\uFEFFOMRÅDE;TID;INDHOLD\r\nIshøj;2017K2;7,1\r\n').value({ OMRÅDE: 'Ishøj', TID: '2017K2' })).toBe(7.1);
  });

  it('the table lists carry every table with its active flag', () => {
    const listSchema = z.array(z.object({ id: z.string(), active: z.boolean() }));
    const subject = listSchema.parse(JSON.parse(read('tables-subject4-en.json')));
    expect(subject.length).toBe(195);
    const all = listSchema.parse(JSON.parse(gunzipSync(readFileSync(path.join(FIXTURES, 'tables-includeInactive-en.json.gz'))).toString('utf8')));
    expect(all.length).toBe(5477);
    const byId = new Map(all.map((t) => [t.id, t.active]));
    for (const id of ['AULKP01', 'INDKP106', 'HFUDD11', 'STRAFNA7', 'FOLK1E', 'FOLK1A']) expect(byId.get(id)).toBe(true);
    expect(byId.get('HFUDD10')).toBe(false);
  });

  it('refuses malformed bodies with a clear message', () => {
    expect(() => parseJsonStat('<html>Service Unavailable</html>')).toThrow(ParseError);
    expect(() => parseJsonStat('{"dataset": {"value": [1]}}')).toThrow(/JSON-stat/);
    expect(() => parseTableInfo('{"id": "X"}')).toThrow(/tableinfo/);
    expect(parseApiError('{"errorTypeCode":"EXTRACT-NOTFOUND","message":"Tabellen blev ikke fundet"}')?.errorTypeCode).toBe('EXTRACT-NOTFOUND');
    expect(parseApiError('not json')).toBeUndefined();
  });
});
