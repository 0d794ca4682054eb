/**
 * parathed consolidate end to end (issue 14): a folder of workbooks written with the template
 * writer, one for each rejection and warning, two cycles of one municipality, a lock file and a
 * file that is no workbook at all, consolidated through the CLI in-process. Statuses and reasons,
 * the overview's values against the TypeScript score, the inputs byte-identical afterwards,
 * =HYPERLINK(...) typed into a text field arriving as text, no CPR-shaped number in any output;
 * the overview recalculated by LibreOffice gives the same results and means of the raw ratings.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { oversigtHeaders } from '../src/consolidate/sheets/oversigt';
import { ishoej2017 } from '../src/examples/ishoej';
import { PARAMETERS } from '../src/model/parameters';
import type { Assessment } from '../src/model/schema';
import { round } from '../src/scoring/excel';
import { scoreCells } from '../src/scoring/score';
import { describeWorkbook } from '../src/workbook/template';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { runCli } from './helpers/cli';
import { recalculate } from './helpers/libreoffice';
import { writeWithNamedCells } from './helpers/named-cells';
import { cachedResultDifferences, readSheets } from './helpers/xlsx-cells';
import { sha256 } from './helpers/hash';

let dir: string;
let inputs: string;
const at = (name: string) => path.join(inputs, name);

/** The Ishøj demo's assessment made another municipality's, with its own ratings and date. */
function assessment(kommune: string, ratings: (number | null)[], dato: string | null, change?: (a: Assessment) => void): Assessment {
  const a = structuredClone(ishoej2017().assessment);
  a.kommune.navn = kommune;
  a.vurderingDato = dato;
  PARAMETERS.forEach((p, i) => (a.vurderinger[p.id] = (ratings[i] ?? null) as Assessment['vurderinger'][string]));
  change?.(a);
  return a;
}
async function write(name: string, a: Assessment): Promise<string> {
  writeFileSync(at(name), await writeXlsx(describeWorkbook(a)));
  return at(name);
}

const R = {
  ishoej2019: [3, 3, 4, 3, 3, 4, 3, 3, 2, 3],
  ishoej2017: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
  ishoej2015: [2, 2, 2, 2, 2, 2, 2, 2, 2, 2],
  aarhus: [4, 4, 4, 3, 4, 4, 4, 3, 4, 4],
  odense: [2, 3, null, 2, null, 3, 2, null, 2, 3],
  koege: [1, 2, 2, 1, 2, 1, 2, 2, 1, 2],
  horsens: [2, 2, 3, 3, 2, 2, 3, 3, 2, 2],
  viborg: [3, 2, 2, 3, 2, 3, 2, 3, 2, 2],
  roskilde: [1, 1, 2, 1, 1, 2, 1, 1, 2, 1],
  vejleA: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
  vejleB: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1],
  holbaek: [2, 3, 2, 3, 2, 3, 2, 3, 2, 3],
  slagelse: [4, 3, 4, 3, 4, 3, 4, 3, 4, 3],
};
const HYPERLINK = '=HYPERLINK("http://example.com","klik")';
const CPR_FILE = 'Borger 010203-1234.xlsx';

let before: Map<string, string>;
let run: { code: number; out: string; err: string };
let json: {
  ok: boolean;
  files: { file: string; status: string; kommune: string | null; sha256: string | null; reasons: { sheet: string | null; cell: string | null; name: string | null; message: string }[] }[];
  kommuner: { kode: string; navn: string; region: string; vurderingsdato: string | null; samlet: number | null; egen: number | null; vurdering: number | null; niveau: string | null; aendring: number | null; fil: string }[];
  perioder: Record<string, { flest: string | null; antal: number; afvigende: { fil: string; periode: string | null }[] }>;
};
const overview = () => path.join(dir, 'oversigt.xlsx');
const file = (name: string) => json.files.find((f) => path.basename(f.file) === name)!;
const messages = (name: string) => file(name).reasons.map((r) => `${r.sheet ?? ''}!${r.cell ?? ''} ${r.name ?? ''}: ${r.message}`).join('\n');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-consolidate-'));
  inputs = path.join(dir, 'indsendt');
  mkdirSync(inputs);
  await write('ishoej-2019.xlsx', assessment('Ishøj', R.ishoej2019, '2019-05-01'));
  await write('ishoej-2017.xlsx', assessment('Ishøj', R.ishoej2017, '2017-06-30'));
  await write('ishoej-2015.xlsx', assessment('Ishøj', R.ishoej2015, '2015-01-15'));
  await write('aarhus.xlsx', assessment('Aarhus', R.aarhus, '2019-03-01', (a) => (a.indikatorer.Fuldtidsledige!.periode = '2018K4')));
  copyFileSync(at('aarhus.xlsx'), at('kopi af aarhus.xlsx'));
  await write('odense.xlsx', assessment('Odense', R.odense, '2019-02-01'));
  await writeWithNamedCells(await writeXlsx(describeWorkbook(assessment('Køge', R.koege, '2019-04-01'))), { Ind_Fuldtidsledige_Periode: HYPERLINK }, at('koege.xlsx'));
  // Score_Samlet overwritten with 4: the file's own result is not what the overview shows.
  await writeWithNamedCells(await writeXlsx(describeWorkbook(assessment('Horsens', R.horsens, '2019-04-02'))), { Score_Samlet: 4 }, at('horsens.xlsx'));
  await writeWithNamedCells(await writeXlsx(describeWorkbook(assessment('Viborg', R.viborg, '2019-04-03'))), { Ambitioner: 'Borger 010203-1234 ringede', Ind_DisponibelIndkomst_Kommune: 1102031234 }, at('viborg.xlsx'));
  await write('roskilde.xlsx', assessment('Roskilde', R.roskilde, null));
  await write('vejle-a.xlsx', assessment('Vejle', R.vejleA, '2019-01-10'));
  await write('vejle-b.xlsx', assessment('Vejle', R.vejleB, '2019-01-10'));
  await write(CPR_FILE, assessment('Holbæk', R.holbaek, '2019-04-04'));
  await write('SLAGELSE.XLSX', assessment('Slagelse', R.slagelse, '2019-04-05'));
  copyFileSync(path.join(__dirname, 'fixtures', 'v1.0', 'ishoej-demo-1.0.xlsx'), at('ishoej-1.0.xlsx'));
  // Rejections.
  const newer = new ExcelJS.Workbook();
  await newer.xlsx.load((await writeXlsx(describeWorkbook(assessment('Vejen', R.aarhus, '2019-01-01')))) as unknown as ArrayBuffer);
  newer.getWorksheet('Vejledning')!.eachRow((row) => row.eachCell((c) => {
    if (c.value === '1.1') c.value = '7.2';
  }));
  writeFileSync(at('nyere.xlsx'), Buffer.from(await newer.xlsx.writeBuffer()));
  const other = new ExcelJS.Workbook();
  other.addWorksheet('Ark1').getCell('A1').value = 'Kommune';
  writeFileSync(at('andet regneark.xlsx'), Buffer.from(await other.xlsx.writeBuffer()));
  writeFileSync(at('beskadiget.xlsx'), readFileSync(at('aarhus.xlsx')).subarray(0, 5000));
  writeFileSync(at('noter.xlsx'), 'Kommune;Score\nIshøj;3\n');
  writeFileSync(at('kæmpe.xlsx'), 'x');
  truncateSync(at('kæmpe.xlsx'), 33 * 1024 * 1024);
  // Skipped: Excel's lock file, and what is no .xlsx.
  writeFileSync(at('~$aarhus.xlsx'), 'låst af Excel');
  writeFileSync(at('LÆSMIG.txt'), 'ikke en projektmappe');
  before = new Map(readdirSync(inputs).map((n) => [n, sha256(at(n))]));
  run = await runCli('consolidate', inputs, '--out', overview(), '--json');
  json = JSON.parse(run.out);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('every file checked, with its status and reasons', () => {
  it('exits 1 with one line per rejected or warned file on stderr, and writes the overview', () => {
    expect(run.code).toBe(1);
    expect(json.ok).toBe(false);
    expect(existsSync(overview())).toBe(true);
    const lines = run.err.trim().split('\n');
    expect(lines.filter((l) => /: (afvist|godkendt med advarsler): /.test(l))).toHaveLength(json.files.filter((f) => f.status !== 'godkendt').length);
    expect(run.err).not.toMatch(/Uventet fejl|\n\s+at /);
  });

  it('lists every .xlsx of the folder (any case), but the lock file and other files', () => {
    expect(json.files.map((f) => path.basename(f.file)).sort()).toEqual(
      readdirSync(inputs)
        .filter((n) => /\.xlsx$/i.test(n) && !n.startsWith('~$'))
        .map((n) => n.replace('010203-1234', 'xxxxxx-xxxx'))
        .sort(),
    );
  });

  it.each<[string, string, RegExp | undefined]>([
    ['ishoej-2019.xlsx', 'godkendt', undefined],
    ['ishoej-2017.xlsx', 'godkendt', undefined],
    ['ishoej-2015.xlsx', 'godkendt', undefined],
    ['SLAGELSE.XLSX', 'godkendt', undefined],
    ['koege.xlsx', 'godkendt', undefined],
    ['odense.xlsx', 'advarsel', /Egen_InterntSamarbejde: Mangler: Internt samarbejde er ikke vurderet/],
    ['horsens.xlsx', 'advarsel', /Score!C\d+ : Formlen er ændret.*\n.*regner scoren ud fra de indtastede vurderinger/],
    ['viborg.xlsx', 'advarsel', /Ambitioner: .*CPR-nummer.*Udeladt af oversigten[\s\S]*Ind_DisponibelIndkomst_Kommune: Værdien ligner et CPR-nummer\. Udeladt af oversigten/],
    ['roskilde.xlsx', 'advarsel', /Kommune!C7 Vurdering_Dato: Vurderingens dato er tom/],
    ['ishoej-1.0.xlsx', 'advarsel', /Skabelonversion 1\.0: læst gennem version 1\.0s opbygning/],
    // The same bytes twice are one assessment: the first in Danish name order ("aa" is "å", after "k") is used.
    ['kopi af aarhus.xlsx', 'godkendt', /^! : kopi: .*\/aarhus\.xlsx har samme indhold \(SHA-256\)/],
    ['aarhus.xlsx', 'afvist', /^! : samme indhold som .*\/kopi af aarhus\.xlsx, som er brugt/],
    ['vejle-a.xlsx', 'afvist', /Vejle har flere filer med samme vurderingsdato \(10-01-2019\): .*vejle-b\.xlsx/],
    ['vejle-b.xlsx', 'afvist', /Vejle har flere filer med samme vurderingsdato \(10-01-2019\): .*vejle-a\.xlsx/],
    ['nyere.xlsx', 'afvist', /skabelonversion 7\.2, som er nyere end denne version af parathed/],
    ['andet regneark.xlsx', 'afvist', /Template_Version mangler: projektmappen er ikke lavet ud fra parathed-skabelonen/],
    ['beskadiget.xlsx', 'afvist', /beskadiget/],
    ['noter.xlsx', 'afvist', /ikke en Excel-projektmappe/],
    ['kæmpe.xlsx', 'afvist', /for stor/],
  ])('%s: %s', (name, status, reason) => {
    expect({ name, status: file(name).status }).toEqual({ name, status });
    if (reason) expect(messages(name)).toMatch(reason);
    else expect(file(name).reasons).toEqual([]);
  });

  it('gives each file its SHA-256, as sha256sum does', () => {
    for (const f of json.files.filter((x) => x.sha256 !== null)) expect(f.sha256).toBe(sha256(f.file.includes('xxxxxx-xxxx') ? at(CPR_FILE) : f.file));
  });

  it('leaves every input byte-identical', () => {
    expect(new Map(readdirSync(inputs).map((n) => [n, sha256(at(n))]))).toEqual(before);
  });
});

describe('the rows', () => {
  const expected = (r: (number | null)[]) => scoreCells(r);

  it('one per municipality, sorted by Samlet score, highest first, the incomplete last', () => {
    expect(json.kommuner.map((k) => k.navn)).toEqual(['Aarhus', 'Slagelse', 'Ishøj', 'Holbæk', 'Horsens', 'Viborg', 'Køge', 'Roskilde', 'Odense']);
    const samlet = json.kommuner.map((k) => k.samlet);
    expect(samlet.slice(0, -1)).toEqual([...samlet.slice(0, -1)].sort((a, b) => b! - a!));
    expect(samlet[samlet.length - 1]).toBeNull();
  });

  it('scores as the TypeScript score of the ratings, never the file’s own result', () => {
    for (const [navn, ratings] of [['Horsens', R.horsens], ['Odense', R.odense], ['Slagelse', R.slagelse], ['Viborg', R.viborg]] as const) {
      const s = expected(ratings);
      const row = json.kommuner.find((k) => k.navn === navn)!;
      expect(row).toMatchObject({ samlet: s.samlet === '' ? null : s.samlet, egen: s.egen === '' ? null : s.egen, vurdering: s.vurdering === '' ? null : s.vurdering, niveau: s.niveau || null });
    }
    expect(json.kommuner.find((k) => k.navn === 'Horsens')!.samlet).not.toBe(4);
  });

  it('a municipality’s newest file is its row, the one before gives Ændring i samlet score', () => {
    const ishoej = json.kommuner.find((k) => k.navn === 'Ishøj')!;
    expect(ishoej).toMatchObject({ kode: '183', region: 'Region Hovedstaden', vurderingsdato: '2019-05-01', fil: at('ishoej-2019.xlsx') });
    expect(ishoej.aendring).toBe(round((expected(R.ishoej2019).samlet as number) - (expected(R.ishoej2017).samlet as number), 1));
    expect(json.kommuner.find((k) => k.navn === 'Køge')!.aendring).toBeNull();
  });

  it('says where the periods of an indicator differ: which most files have, which files differ', () => {
    expect(json.perioder.Fuldtidsledige).toMatchObject({ flest: '2017K2', afvigende: [{ fil: at('kopi af aarhus.xlsx'), periode: '2018K4' }, { fil: at('koege.xlsx'), periode: HYPERLINK }] });
    expect(Object.keys(json.perioder)).toEqual(['Fuldtidsledige']);
  });
});

describe('the overview workbook', () => {
  let sheets: Awaited<ReturnType<typeof readSheets>>;
  beforeAll(async () => {
    sheets = await readSheets(overview());
  });

  it('has Oversigt with the headers as the issue spells them, as an Excel table, and Filer', async () => {
    expect([...sheets.keys()]).toEqual(['Oversigt', 'Filer', 'Skala']);
    const oversigt = sheets.get('Oversigt')!;
    const headers = oversigtHeaders();
    expect(headers.slice(0, 4)).toEqual(['Kode', 'Kommune', 'Region', 'Vurderingsdato']);
    expect(headers.slice(4, 14)).toEqual(PARAMETERS.map((p) => p.navn));
    expect(headers.slice(14, 19)).toEqual(['Egen vurdering', 'Vurdering af parametre', 'Samlet score', 'Niveau', 'Ændring i samlet score']);
    expect(headers[headers.length - 1]).toBe('Fil');
    headers.forEach((h, i) => expect(oversigt.values.get(`${columnRef(i + 1)}1`)).toBe(h));
    const zip = await JSZip.loadAsync(readFileSync(overview()));
    const table = await zip.file('xl/tables/table1.xml')!.async('string');
    expect(table).toMatch(new RegExp(`ref="A1:${columnRef(headers.length)}${json.kommuner.length + 1}"`));
  });

  it('writes =HYPERLINK(...) typed into a text field as text, not as a formula', () => {
    const oversigt = sheets.get('Oversigt')!;
    const cells = [...oversigt.values].filter(([, v]) => v === HYPERLINK);
    expect(cells).toHaveLength(1);
    expect([...oversigt.formulas.values()].filter((f) => /HYPERLINK/i.test(f))).toEqual([]);
  });

  it('shows no CPR-shaped number anywhere: not in the workbook, the JSON or the messages', async () => {
    const zip = await JSZip.loadAsync(readFileSync(overview()));
    for (const name of Object.keys(zip.files)) expect((await zip.file(name)!.async('string')).replace(/\D/g, ' ')).not.toMatch(/010203|1102031234/);
    expect(run.out + run.err).not.toMatch(/010203|1102031234/);
    expect(json.files.map((f) => f.file)).toContain(at('Borger xxxxxx-xxxx.xlsx'));
  });

  it('Filer has every file with its status, SHA-256 and the reader', () => {
    const filer = sheets.get('Filer')!;
    for (const f of json.files) {
      const row = [...filer.values].find(([ref, v]) => ref.startsWith('A') && v === f.file)?.[0];
      expect(row).toBeDefined();
      const n = row!.slice(1);
      expect(filer.values.get(`B${n}`)).toBe(f.status === 'advarsel' ? 'godkendt med advarsler' : f.status);
      expect(filer.values.get(`H${n}`)).toBe(f.sha256 ?? '');
      expect(filer.values.get(`I${n}`)).toMatch(/^parathed \d+\.\d+\.\d+, selektiv læser \d+$/);
    }
  });

  it('LibreOffice recalculates the same scores and statistics (to 15 digits), and the means are the raw ratings’ means', async () => {
    const [recalculated] = (await recalculate([overview()])) as [string];
    // LibreOffice stores results to 15 significant digits, as Excel shows them.
    const { differences, formulas } = await cachedResultDifferences(overview(), recalculated, 'Oversigt');
    expect(formulas).toBeGreaterThan(40);
    const fifteen = (v: string) => (/^-?[\d.e+-]+$/.test(v) ? Number(Number(v).toPrecision(15)) : v);
    expect(differences.map((d) => /^(.*): ours (.*), LibreOffice (.*)$/.exec(d)!).filter((m) => fifteen(m[2]!) !== fifteen(m[3]!)).map((m) => m[0])).toEqual([]);
    const lo = (await readSheets(recalculated)).get('Oversigt')!;
    const complete = json.kommuner.filter((k) => k.samlet !== null);
    const meanRow = json.kommuner.length + 4;
    const rows = complete.map((k) => PARAMETERS.map((_, i) => lo.values.get(`${columnRef(5 + i)}${json.kommuner.indexOf(k) + 2}`) as number));
    PARAMETERS.forEach((_, i) => {
      const mean = rows.reduce((s, r) => s + r[i]!, 0) / rows.length;
      expect(lo.values.get(`${columnRef(5 + i)}${meanRow}`)).toBeCloseTo(mean, 12);
    });
    const all = rows.flat();
    expect(lo.values.get(`${columnRef(16)}${meanRow}`)).toBeCloseTo(all.reduce((a, b) => a + b, 0) / all.length, 12);
  }, 120_000);
});

/** Functions that Excel and LibreOffice both have, that the overview may use, and the prefix a file names each with. */
const OVERVIEW_FUNCTIONS = new Map([
  ...['IF', 'ISNUMBER', 'COUNT', 'ROUND', 'AVERAGE', 'INDEX', 'COUNTIFS', 'AVERAGEIFS', 'SUMPRODUCT'].map((f) => [f, ''] as const),
  ['AGGREGATE', '_xlfn.'],
]);

describe('the statistics under Oversigt', () => {
  const stats = () => {
    const first = json.kommuner.length + 3;
    return { first, last: first + 2, cols: oversigtHeaders().length };
  };
  /** The statistics' values (count, mean, median of each column), by address. */
  const statistics = (cells: Map<string, unknown>) => {
    const { first, last, cols } = stats();
    const out: Record<string, unknown> = {};
    for (let r = first; r <= last; r++) for (let c = 5; c <= cols; c++) out[`${columnRef(c)}${r}`] = cells.get(`${columnRef(c)}${r}`) ?? null;
    return out;
  };
  const fifteen = (v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(15)) : v);
  const rounded = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fifteen(v)]));

  it('use only functions on the allow-list, each with the prefix a file needs (AGGREGATE as _xlfn.AGGREGATE)', async () => {
    const formulas = [...(await readSheets(overview())).get('Oversigt')!.formulas.values()];
    const used = new Map<string, Set<string>>();
    for (const f of formulas) {
      for (const m of f.replace(/"(?:[^"]|"")*"/g, '').matchAll(/(_xlfn\.)?([A-Z][A-Z0-9.]*)\(/g)) used.set(m[2]!, (used.get(m[2]!) ?? new Set()).add(m[1] ?? ''));
    }
    expect([...used.keys()].filter((f) => !OVERVIEW_FUNCTIONS.has(f))).toEqual([]);
    for (const [f, prefixes] of used) expect([f, [...prefixes]]).toEqual([f, [OVERVIEW_FUNCTIONS.get(f)]]);
    expect([...used.keys()]).toEqual(expect.arrayContaining(['COUNTIFS', 'AVERAGEIFS', 'SUMPRODUCT', 'AGGREGATE']));
  });

  it('are over the table’s whole data body, absolute, and say so', async () => {
    const oversigt = (await readSheets(overview())).get('Oversigt')!;
    const { first, last } = stats();
    const end = json.kommuner.length + 1;
    for (let r = first; r <= last; r++) {
      const f = oversigt.formulas.get(`E${r}`)!;
      expect(f).toContain(`$E$2:$E$${end}`);
      expect(f).toContain(`$Q$2:$Q$${end}`);
    }
    expect([first, first + 1, first + 2].map((r) => oversigt.values.get(`A${r}`))).toEqual(['Antal (alle komplette rækker)', 'Gennemsnit af alle komplette rækker', 'Median af alle komplette rækker']);
  });

  it('give the same results in LibreOffice with the table sorted by Kommune and filtered to one region', async () => {
    const sorted = path.join(dir, 'sorteret-og-filtreret.xlsx');
    const hidden = await sortAndFilter(overview(), sorted, 'Region Sjælland');
    const [plain, changed] = (await recalculate([overview(), sorted])) as [string, string];
    const lo = (await readSheets(changed)).get('Oversigt')!;
    // The rows stand in Danish order ("Aarhus" as "Århus", last), the incomplete Odense among the complete ones.
    const names = json.kommuner.map((k) => k.navn).sort((a, b) => a.localeCompare(b, 'da'));
    expect(names.map((_, i) => lo.values.get(`B${i + 2}`))).toEqual(names);
    expect(names.indexOf('Odense')).toBeLessThan(names.length - 1);
    // LibreOffice kept the filter: the other regions' rows are hidden, complete ones among them.
    expect(await hiddenRows(changed)).toEqual(hidden);
    expect(hidden.length).toBeGreaterThan(2);
    const before = rounded(statistics((await readSheets(plain)).get('Oversigt')!.values));
    expect(rounded(statistics(lo.values))).toEqual(before);
    // And what the TypeScript mirror cached.
    expect(rounded(statistics((await readSheets(overview())).get('Oversigt')!.values))).toEqual(before);
    expect(Object.values(before).filter((v) => typeof v === 'number').length).toBeGreaterThan(60);
  }, 180_000);
});

/** The rows (numbers) the Oversigt sheet of a file hides. */
async function hiddenRows(file: string): Promise<number[]> {
  const xml = await oversigtXml(await JSZip.loadAsync(readFileSync(file)));
  return [...xml.matchAll(/<row [^>]*>/g)].filter((m) => /\shidden="(1|true)"/.test(m[0])).map((m) => Number(/\sr="(\d+)"/.exec(m[0])![1]));
}

async function oversigtXml(zip: JSZip, xml?: string): Promise<string> {
  const workbook = await zip.file('xl/workbook.xml')!.async('string');
  const id = /<sheet [^>]*name="Oversigt"[^>]*r:id="([^"]+)"/.exec(workbook)![1]!;
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const target = `xl/${new RegExp(`<Relationship [^>]*Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)![1]!.replace(/^\/?(xl\/)?/, '')}`;
  if (xml !== undefined) zip.file(target, xml);
  return zip.file(target)!.async('string');
}

/**
 * The overview as a user leaves it after sorting its table by Kommune and filtering it to one
 * region, done to the file's XML as Excel does it: each row's cells (and the row's own references
 * in its formulas) moved to the row it sorts to; the other regions' rows hidden and the filter
 * recorded on the table. Returns the hidden rows.
 */
async function sortAndFilter(file: string, out: string, region: string): Promise<number[]> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const cells = (await readSheets(file)).get('Oversigt')!.values;
  const n = json.kommuner.length;
  const old = Array.from({ length: n }, (_, i) => i + 2);
  const order = [...old].sort((a, b) => String(cells.get(`B${a}`)).localeCompare(String(cells.get(`B${b}`)), 'da'));
  const hidden = order.map((r, i) => (cells.get(`C${r}`) === region ? 0 : i + 2)).filter((r) => r > 0);
  let xml = await oversigtXml(zip);
  const rows = new Map([...xml.matchAll(/<row r="(\d+)"[\s\S]*?<\/row>/g)].map((m) => [Number(m[1]), m[0]]));
  const moved = order.map((from, i) => {
    const to = i + 2;
    const ref = new RegExp(`(?<![A-Z0-9$_])([A-Z]{1,3})${from}(?![0-9])`, 'g');
    return rows
      .get(from)!
      .replace(/^<row r="\d+"/, `<row r="${to}"${hidden.includes(to) ? ' hidden="1"' : ''}`)
      .replace(/ r="([A-Z]+)\d+"/g, ` r="$1${to}"`)
      .replace(/<f>([\s\S]*?)<\/f>/g, (_, f: string) => `<f>${f.replace(ref, `$1${to}`)}</f>`);
  });
  const start = xml.indexOf('<row r="2"');
  const end = xml.indexOf('</row>', xml.indexOf(`<row r="${n + 1}"`)) + '</row>'.length;
  xml = xml.slice(0, start) + moved.join('') + xml.slice(end);
  await oversigtXml(zip, xml);
  const table = await zip.file('xl/tables/table1.xml')!.async('string');
  const filtered = table.replace(/<filterColumn colId="2"[^>]*\/>/, `<filterColumn colId="2"><filters><filter val="${region}"/></filters></filterColumn>`);
  expect(filtered).not.toBe(table);
  zip.file('xl/tables/table1.xml', filtered);
  writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return hidden;
}

function columnRef(n: number): string {
  let s = '';
  for (let m = n; m > 0; m = Math.floor((m - 1) / 26)) s = String.fromCharCode(65 + ((m - 1) % 26)) + s;
  return s;
}

describe('the command line', () => {
  it('with every file accepted without warnings: exit 0', async () => {
    const out = path.join(dir, 'to.xlsx');
    const r = await runCli('consolidate', at('ishoej-2019.xlsx'), at('SLAGELSE.XLSX'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Oversigt skrevet: .*to\.xlsx \(2 kommuner; 2 godkendt, 0 godkendt med advarsler, 0 afvist af 2 filer\)/);
  });

  it('with no file accepted: exit 1, and the overview holds the Filer sheet only', async () => {
    const out = path.join(dir, 'ingen.xlsx');
    const r = await runCli('consolidate', at('noter.xlsx'), at('beskadiget.xlsx'), '--out', out);
    expect(r.code).toBe(1);
    expect([...(await readSheets(out)).keys()]).toEqual(['Filer']);
  });

  it('skips its own output inside the folder on a second run, and needs --force to replace it', async () => {
    const out = at('oversigt-i-mappen.xlsx');
    try {
      expect((await runCli('consolidate', inputs, '--out', out)).code).toBe(1);
      const again = await runCli('consolidate', inputs, '--out', out);
      expect(again.code).toBe(2);
      expect(again.err).toMatch(/findes allerede\. Brug --force/);
      const forced = await runCli('consolidate', inputs, '--out', out, '--force', '--json');
      expect(JSON.parse(forced.out).files.map((f: { file: string }) => f.file)).not.toContain(out);
    } finally {
      rmSync(out, { force: true });
    }
  }, 60_000);

  it.each<[string, string[], RegExp]>([
    ['a path that does not exist', ['findes-ikke.xlsx', '--out', 'x.xlsx'], /findes-ikke\.xlsx: filen eller mappen findes ikke/],
    ['--out missing', ['x.xlsx'], /tilvalget '--out <fil>' skal angives/],
    ['--out naming an input', ['IN', '--out', 'IN'], /er også inputfilen/],
  ])('%s is a usage error, exit 2, nothing written', async (_, argv, message) => {
    const args = argv.map((a) => (a === 'IN' ? at('odense.xlsx') : a === 'x.xlsx' ? path.join(dir, 'x.xlsx') : a === 'findes-ikke.xlsx' ? path.join(dir, a) : a));
    const r = await runCli('consolidate', ...args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(existsSync(path.join(dir, 'x.xlsx'))).toBe(false);
  });

  it('a folder without workbooks is a usage error', async () => {
    const empty = path.join(dir, 'tom-mappe');
    mkdirSync(empty, { recursive: true });
    const r = await runCli('consolidate', empty, '--out', path.join(dir, 'y.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ingen \.xlsx-filer/);
  });
});
