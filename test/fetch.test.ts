/**
 * `parathed fetch` end to end, in-process, against the local TEST DOUBLE of StatBank on
 * 127.0.0.1 (test/helpers/statbank-double.ts) serving tables constructed to give the 2017
 * report's figures for Ishøj; the result is recalculated in LibreOffice.
 */
import { rmSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from './helpers/cli';
import { ishoej2017 } from '../src/examples/ishoej';
import { TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { describeWorkbook } from '../src/workbook/template';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { readWorkbook } from '../src/xlsx/open';
import { assertLibreOffice, recalculate } from './helpers/libreoffice';
import { startStatbankDouble, type Failure, type StatbankDouble } from './helpers/statbank-double';
import { reportTables } from './helpers/statbank-tables';
import { cachedResultDifferences, definedNames, readSheets } from './helpers/xlsx-cells';
import { sha256 } from './helpers/hash';

let double: StatbankDouble;
let dir: string;
let template: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-fetch-'));
  template = path.join(dir, 'skabelon.xlsx');
  writeFileSync(template, await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
});

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'];
beforeEach(async () => {
  // The CLI honours proxies from the environment; the double on 127.0.0.1 is reached directly.
  for (const v of PROXY_VARIABLES) delete process.env[v];
  double = await startStatbankDouble(reportTables());
  process.env.PARATHED_STATBANK_URL = double.url;
  process.env.PARATHED_STATBANK_TIMEOUT_MS = '300';
});
afterEach(async () => {
  delete process.env.PARATHED_STATBANK_URL;
  delete process.env.PARATHED_STATBANK_TIMEOUT_MS;
  await double.close();
});

const run = runCli;
let n = 0;
const outFile = () => path.join(dir, `ud-${++n}.xlsx`);

describe('parathed fetch', () => {
  it('writes the 2017 report’s figures for Ishøj, which LibreOffice shows after recalculation', async () => {
    await assertLibreOffice();
    const out = outFile();
    const before = sha256(template);
    const r = await run('fetch', template, '--kommune', 'Ishøj', '--year', '2017', '--out', out, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.requests).toBe(12);
    expect(json.indicators.map((i: { status: string }) => i.status)).toEqual(Array(6).fill('skrevet'));
    expect(sha256(template)).toBe(before);

    const [lo] = (await recalculate([out])) as [string];
    const sheets = await readSheets(lo);
    const names = await definedNames(lo);
    const get = (name: string) => {
      const at = names.get(name)!;
      return sheets.get(at.sheet)!.values.get(at.cell) ?? null;
    };
    const triple = (id: string) => ['Kommune', 'Region', 'Land'].map((g) => get(`Ind_${id}_${g}`));
    expect(triple('Fuldtidsledige')).toEqual([0.071, 0.043, 0.041]);
    // INDKP106 has no regions: the region's mean is computed from its municipalities' ENHED 110 and 103 (issue 8).
    expect(triple('DisponibelIndkomst')).toEqual([193760, 224140, 220185]);
    expect(triple('Grundskole')).toEqual([0.287, 0.149, 0.178]);
    expect(triple('Doemte')).toEqual([0.011, 0.008, 0.007]);
    expect(triple('IkkeVestlige')).toEqual([0.321, 0.126, 0.084]);
    expect(get('Kommune_Indbyggere')).toBe(22719);
    expect(get('Kommune_Navn')).toBe('Ishøj');
    expect(get('Ind_Fuldtidsledige_Periode')).toBe('2017K4');
    expect(String(get('Ind_Fuldtidsledige_Hentet'))).toMatch(/Kilde: Danmarks Statistik/);
    expect(String(get('Ind_Grundskole_Koder'))).toMatch(/HFUDD11: HERKOMST=TOT; KØN=TOT; ALDER=30-34,35-39,40-44,45-49,50-54,55-59; HFUDD=H10/);
    expect(String(get('Ind_DisponibelIndkomst_Fodnote'))).toMatch(/ingen regionstal/);

    // Every cached result written by the mirror equals LibreOffice's recalculation,
    // the Data sheet's ranks, the placering and the trend included.
    const { differences, formulas } = await cachedResultDifferences(out, lo);
    expect(differences.slice(0, 10)).toEqual([]);
    expect(formulas).toBeGreaterThan(500);
    const placering = ['Fuldtidsledige', 'Grundskole', 'IkkeVestlige'].map((id) => {
      const at = names.get(`Ind_${id}_Periode`)!;
      return sheets.get(at.sheet)!.values.get(at.cell.replace(/^[A-Z]+/, 'F'));
    });
    // Ishøj has the highest unemployment, the most with only primary school and the most non-Western
    // residents of all; the last is neutral (issue 8): the highest, not the worst.
    expect(placering).toEqual(['nr. 98 af 98', 'nr. 98 af 98', '1. højeste af 98']);

    // And the written workbook reads back without problems.
    expect((await readWorkbook(readFileSync(out))).problems).toEqual([]);
  }, 120_000);

  it('a summary of a pulled workbook shows the placering and the trend, as LibreOffice computes them', async () => {
    const pulled = outFile();
    expect((await run('fetch', template, '--kommune', 'Ishøj', '--year', '2017', '--out', pulled)).code).toBe(0);
    const withSummary = outFile();
    // The pulled template has no ratings yet: the summary is made, and what is missing is listed (no problem: exit 0).
    const summary = await run('summary', pulled, '--out', withSummary);
    expect(summary.code).toBe(0);
    expect(summary.err).toMatch(/Mangler: Beredskab er ikke vurderet/);
    const [lo] = (await recalculate([withSummary])) as [string];
    const theirs = (await readSheets(lo)).get('Ledelsesresumé')!;
    expect((await cachedResultDifferences(withSummary, lo, 'Ledelsesresumé')).differences).toEqual([]);
    const values = [...theirs.values.values()];
    expect(values).toContain('nr. 98 af 98');
    // Five trend cells per StatBank indicator hold numbers for the bars.
    expect([...theirs.formulas].filter(([, f]) => f.includes('Data!')).length).toBe(25);
  }, 120_000);

  it('makes as many requests for one municipality as the data for all 98 takes', async () => {
    const a = await run('fetch', template, '--kommune', '183', '--out', outFile(), '--json');
    const b = await run('fetch', template, '--kommune', 'Aalborg', '--out', outFile(), '--json');
    expect(JSON.parse(a.out).requests).toBe(JSON.parse(b.out).requests);
    expect(JSON.parse(a.out).requests).toBe(12);
  });

  it.each<[string, string, Failure | 'missing-code' | 'retired', RegExp]>([
    ['EXTRACT-NOTFOUND', 'HFUDD11', { kind: 'error', status: 400, errorTypeCode: 'EXTRACT-NOTFOUND', on: 'data' }, /\(Grundskole\): FEJL: HFUDD11.*EXTRACT-NOTFOUND/],
    ['REQUEST-LIMIT', 'FOLK1E', { kind: 'error', status: 400, errorTypeCode: 'REQUEST-LIMIT', on: 'data' }, /\(IkkeVestlige\): FEJL: FOLK1E.*REQUEST-LIMIT/],
    ['HTTP 500', 'AULKP01', { kind: 'status', status: 500, times: 2 }, /\(Fuldtidsledige\): FEJL: AULKP01.*HTTP 500/],
    ['a time-out', 'INDKP106', { kind: 'delay', ms: 2000, times: 2, on: 'data' }, /\(DisponibelIndkomst\): FEJL: INDKP106.*svarede ikke/],
    ['malformed JSON', 'STRAFNA7', { kind: 'malformed', on: 'data' }, /\(Doemte\): FEJL: STRAFNA7.*ikke gyldig JSON/],
    ['a code missing from tableinfo', 'HFUDD11', 'missing-code', /\(Grundskole\): FEJL: HFUDD11: koden H10 findes ikke for HFUDD; tabellen har TOT, H20/],
    ['a retired table', 'INDKP106', 'retired', /\(DisponibelIndkomst\): FEJL: INDKP106: tabellen er udgået/],
  ])('%s names the indicator, writes the others and leaves the input byte-identical', async (_, table, failure, message) => {
    if (failure === 'missing-code' || failure === 'retired') {
      await double.close();
      double = await startStatbankDouble(
        reportTables().map((t) => {
          if (t.id !== table) return t;
          if (failure === 'retired') return { ...t, active: false };
          return { ...t, variables: t.variables.map((v) => (v.id === 'HFUDD' ? { ...v, values: v.values.filter((x) => x.id !== 'H10') } : v)) };
        }),
      );
      process.env.PARATHED_STATBANK_URL = double.url;
    } else {
      double.fail(table, failure);
    }
    const before = sha256(template);
    const out = outFile();
    const r = await run('fetch', template, '--kommune', 'Ishøj', '--out', out);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(message);
    expect(r.out.split('\n').filter((l) => / skrevet/.test(l))).toHaveLength(5);
    expect(r.out + r.err).not.toMatch(/\n\s+at /);
    expect(sha256(template)).toBe(before);
    expect(existsSync(out)).toBe(true);
  });

  it('keeps a value typed by hand, lists it, and replaces it only with --replace-typed', async () => {
    const demo = path.join(dir, 'demo.xlsx');
    writeFileSync(demo, await writeXlsx(describeWorkbook(ishoej2017().assessment)));
    const kept = await run('fetch', demo, '--kommune', 'Ishøj', '--year', '2017', '--out', outFile(), '--json');
    const json = JSON.parse(kept.out);
    expect(json.indicators.find((i: { indicator: string }) => i.indicator === 'Fuldtidsledige').status).toBe('bevaret');
    expect(json.kept).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'Ind_Fuldtidsledige_Periode', old: '2017K2', new: '2017K4' }),
        expect.objectContaining({ name: 'Ind_DisponibelIndkomst_Region', old: 256174, new: 224140 }),
      ]),
    );
    // The same figure as typed is no conflict: 7,1 % stays 7,1 %.
    expect(json.kept.map((c: { name: string }) => c.name)).not.toContain('Ind_Fuldtidsledige_Kommune');
    const text = await run('fetch', demo, '--kommune', 'Ishøj', '--out', outFile());
    expect(text.out).toMatch(/bevaret Ind_Fuldtidsledige_Kilde: "Danmarks Statistik AULK01"/);

    const forcedOut = outFile();
    const forced = await run('fetch', demo, '--kommune', 'Ishøj', '--out', forcedOut, '--replace-typed', '--json');
    const f = JSON.parse(forced.out);
    expect(f.kept).toEqual([]);
    expect(f.changed).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Ind_Fuldtidsledige_Periode', old: '2017K2', new: '2018K4', forced: true })]));

    // A second pull over the first one's output is not hindered by the first pull's own values.
    const again = await run('fetch', forcedOut, '--kommune', 'Ishøj', '--out', outFile(), '--json');
    expect(JSON.parse(again.out).kept).toEqual([]);
  });

  it('refuses a workbook filled in for another municipality unless --other-kommune, which then says so', async () => {
    const demo = path.join(dir, 'demo2.xlsx');
    writeFileSync(demo, await writeXlsx(describeWorkbook(ishoej2017().assessment)));
    const r = await run('fetch', demo, '--kommune', 'Aalborg', '--out', outFile());
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/udfyldt for Ishøj, men --kommune er Aalborg/);
    // A Roskilde workbook with no figures yet, pulled for Køge (the case).
    const roskilde = path.join(dir, 'roskilde.xlsx');
    const blank = emptyAssessment(TEMPLATE_VERSION);
    blank.kommune.navn = 'Roskilde';
    writeFileSync(roskilde, await writeXlsx(describeWorkbook(blank)));
    const out = outFile();
    const forced = JSON.parse((await run('fetch', roskilde, '--kommune', 'Køge', '--out', out, '--other-kommune', '--json')).out);
    expect(forced.indicators.filter((o: { status: string }) => o.status === 'skrevet').length).toBeGreaterThan(0);
    // Køge's figures are written, but the workbook is still Ishøj's: Kommune_Navn is never
    // changed, and Hentet_Kommune_Kode records whose figures they are.
    expect(forced.changed.map((c: { name: string }) => c.name)).not.toContain('Kommune_Navn');
    expect(forced.changed).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Hentet_Kommune_Kode', old: null, new: '259' })]));
    const written = await readWorkbook(readFileSync(out));
    expect(written.cells.get('Kommune_Navn')).toBe('Roskilde');
    expect(written.cells.get('Hentet_Kommune_Kode')).toBe('259');
    // validate says the figures are another municipality's.
    const checked = await run('validate', out);
    expect(checked.code).toBe(1);
    expect(checked.out + checked.err).toMatch(/hentet for Køge Kommune \(259\), men kommunen er Roskilde Kommune/);
    // The text says so, and names --replace-typed only where it was given.
    const text = await run('fetch', roskilde, '--kommune', 'Køge', '--out', outFile(), '--other-kommune');
    expect(text.out).toMatch(/hentet for Køge \(259\), men projektmappen er stadig udfyldt for Roskilde/);
    expect(text.out).not.toMatch(/ændret Kommune_Navn/);
    expect(text.out).not.toMatch(/replace-typed/);
    // Over a filled assessment (every figure typed by hand): kept without the flag, replaced and said with it.
    const kept = await run('fetch', demo, '--kommune', 'Aalborg', '--out', outFile(), '--other-kommune');
    expect(kept.out).not.toMatch(/erstattet med --replace-typed/);
    const replaced = await run('fetch', demo, '--kommune', 'Aalborg', '--out', outFile(), '--other-kommune', '--replace-typed');
    expect(replaced.out).toMatch(/erstattet med --replace-typed\)/);
    expect(replaced.out).not.toMatch(/ændret Kommune_Navn/);
    // The help says so too.
    const help = await run('fetch', '--help');
    expect((help.out + help.err).replace(/\s+/g, ' ')).toMatch(/--other-kommune hent for en anden kommune .*\(Kommune_Navn ændres ikke; Hentet_Kommune_Kode siger, hvis tal det er\)/);
  });

  it('overwrites an existing output only with --force, which does not touch typed values; --overwrite is gone', async () => {
    const out = outFile();
    expect((await run('fetch', template, '--kommune', 'Ishøj', '--out', out)).code).toBe(0);
    expect((await run('fetch', template, '--kommune', 'Ishøj', '--out', out)).code).toBe(2);
    const old = await run('fetch', template, '--kommune', 'Ishøj', '--out', out, '--overwrite');
    expect(old.code).toBe(2);
    expect(old.err).toMatch(/--overwrite findes ikke længere: brug --force/);
    expect((await run('fetch', template, '--kommune', 'Ishøj', '--out', out, '--force')).code).toBe(0);
  });

  it('saves the responses of a pull and replays them with no network', async () => {
    const saved = path.join(dir, 'svar');
    const first = await run('fetch', template, '--kommune', 'Ishøj', '--year', '2017', '--out', outFile(), '--json', '--save-responses', saved);
    expect(readdirSync(saved).filter((f) => f.endsWith('.json'))).toHaveLength(12);
    await double.close();
    process.env.PARATHED_STATBANK_URL = 'http://127.0.0.1:9/v1/';
    const replay = await run('fetch', template, '--kommune', 'Ishøj', '--year', '2017', '--out', outFile(), '--json', '--responses', saved);
    expect(replay.code).toBe(0);
    const strip = (o: string) => JSON.parse(o).indicators;
    expect(strip(replay.out)).toEqual(strip(first.out));
    // A replay answers only the requests it saved: another --year is refused, not misread.
    const other = await run('fetch', template, '--kommune', 'Ishøj', '--year', '2016', '--out', outFile(), '--responses', saved);
    expect(other.code).toBe(1);
    expect(other.err).toMatch(/REPLAY-MISMATCH/);
    expect(other.err).toMatch(/der er ikke skrevet nogen fil/);
    double = await startStatbankDouble(reportTables());
  });

  it('takes overriding definitions from a file, validated', async () => {
    const bad = path.join(dir, 'defs.json');
    writeFileSync(bad, JSON.stringify({ indicators: [{ indicator: 'Fuldtidsledige', figure: { kind: 'value', term: { table: 'AULKP01' } } }] }));
    const r = await run('fetch', template, '--kommune', 'Ishøj', '--out', outFile(), '--definitions', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/defs\.json: indicators\.0\.figure\.term\.area/);
    const renamed = path.join(dir, 'defs-ok.json');
    writeFileSync(renamed, JSON.stringify({ indicators: [{ indicator: 'Folketal', figure: { kind: 'value', additive: true, term: { table: 'FOLK1A', area: 'OMRÅDE', select: { KØN: ['TOT'] } } } }] }));
    const ok = await run('fetch', template, '--kommune', 'Ishøj', '--out', outFile(), '--definitions', renamed, '--json');
    expect(ok.code).toBe(0);
    // The file overrides Folketal only; the other indicators keep the built-in definitions.
    expect(JSON.parse(ok.out).indicators).toHaveLength(6);
    expect(JSON.parse(ok.out).requests).toBe(12);
    const wrongKind = path.join(dir, 'defs-kind.json');
    writeFileSync(wrongKind, JSON.stringify({ indicators: [{ indicator: 'Grundskole', figure: { kind: 'value', term: { table: 'HFUDD11', area: 'BOPOMR', select: { HFUDD: ['H10'] } } } }] }));
    const kind = await run('fetch', template, '--kommune', 'Ishøj', '--out', outFile(), '--definitions', wrongKind);
    expect(kind.code).toBe(1);
    expect(kind.err).toMatch(/Grundskole skal have "kind": "share"/);
  });

  it('fails only the indicator whose figures do not fit the workbook, naming the table', async () => {
    const defs = path.join(dir, 'defs-scale.json');
    // Unemployment as 7.1 instead of 0.071: a share above 100 %.
    writeFileSync(defs, JSON.stringify({ indicators: [{ indicator: 'Fuldtidsledige', figure: { kind: 'value', scale: 1, term: { table: 'AULKP01', area: 'OMRÅDE', select: { ALDER: ['TOT'], KØN: ['TOT'] } } } }] }));
    const r = await run('fetch', template, '--kommune', 'Ishøj', '--out', outFile(), '--definitions', defs);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\(Fuldtidsledige\): FEJL: AULKP01: tallene passer ikke i projektmappen/);
    expect(r.out.split('\n').filter((l) => / skrevet/.test(l))).toHaveLength(5);
  });

  it('fails an indicator whose table has no figure for the municipality, and keeps its earlier values', async () => {
    const first = outFile();
    expect((await run('fetch', template, '--kommune', 'Ishøj', '--out', first)).code).toBe(0);
    await double.close();
    double = await startStatbankDouble(reportTables().map((t) => (t.id === 'AULKP01' ? { ...t, value: (c) => (c.OMRÅDE === '183' ? null : t.value(c)) } : t)));
    process.env.PARATHED_STATBANK_URL = double.url;
    const second = outFile();
    const r = await run('fetch', first, '--kommune', 'Ishøj', '--out', second);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\(Fuldtidsledige\): FEJL: AULKP01: intet tal for Ishøj \(183\)/);
    const before = await readWorkbook(readFileSync(first));
    const after = await readWorkbook(readFileSync(second));
    expect(before.cells.get('Ind_Fuldtidsledige_Kommune')).toEqual(expect.any(Number));
    expect(after.cells.get('Ind_Fuldtidsledige_Kommune')).toBe(before.cells.get('Ind_Fuldtidsledige_Kommune'));
  });

  it('keeps a share typed by hand (the counts would hide it), and clears it only with --replace-typed', async () => {
    const typed = path.join(dir, 'typed-share.xlsx');
    const wb = await import('exceljs').then((m) => new m.default.Workbook());
    await wb.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
    const m = /^'?(.*?)'?!\$([A-Z]+)\$(\d+)$/.exec(wb.definedNames.getRanges('Ind_Grundskole_Kommune_Indtastet').ranges[0]!)!;
    wb.getWorksheet(m[1]!)!.getCell(`${m[2]}${m[3]}`).value = 0.3;
    writeFileSync(typed, Buffer.from(await wb.xlsx.writeBuffer()));
    const kept = JSON.parse((await run('fetch', typed, '--kommune', 'Ishøj', '--out', outFile(), '--json')).out);
    expect(kept.indicators.find((i: { indicator: string }) => i.indicator === 'Grundskole').status).toBe('bevaret');
    expect(kept.kept).toEqual([expect.objectContaining({ name: 'Ind_Grundskole_Kommune_Indtastet', old: 0.3, new: null })]);
    const forced = JSON.parse((await run('fetch', typed, '--kommune', 'Ishøj', '--out', outFile(), '--json', '--replace-typed')).out);
    expect(forced.changed).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Ind_Grundskole_Kommune_Indtastet', old: 0.3, new: null, forced: true })]));
  });

  it('refuses usage errors with exit 2', async () => {
    expect((await run('fetch', template, '--kommune', 'Atlantis')).code).toBe(2);
    expect((await run('fetch', template, '--kommune', 'Ishøj', '--year', '17')).code).toBe(2);
    expect((await run('fetch', template, '--kommune', 'Ishøj', '--out', template, '--force')).code).toBe(2);
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
