/**
 * Every figure right in a pull (issue 8, section 1), against the local TEST DOUBLE of StatBank on
 * 127.0.0.1: a share without a municipal figure fails its indicator and keeps the counts an
 * earlier pull wrote; no output carries a stale cached result; shared formulas are formulas;
 * municipalities go by their official names.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { INDICATORS, TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { describeWorkbook } from '../src/workbook/template';
import { readWorkbook } from '../src/xlsx/open';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { runCli as run } from './helpers/cli';
import { assertLibreOffice, recalculate } from './helpers/libreoffice';
import { cachedResultDifferences, readSheets } from './helpers/xlsx-cells';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { AREAS, findKommune } from '../src/model/geography';
import { DATA_FIRST_KOMMUNE_ROW, DATA_LAST_ROW, DATA_SHEET, dataColumns } from '../src/workbook/layout';
import { startStatbankDouble, type DoubleTable, type StatbankDouble } from './helpers/statbank-double';
import { reportTables } from './helpers/statbank-tables';

let dir: string;
let template: string;
let double: StatbankDouble | undefined;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-figures-fetch-'));
  template = path.join(dir, 'skabelon.xlsx');
  writeFileSync(template, await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
  process.env.NO_PROXY = '127.0.0.1,localhost';
});
afterEach(async () => {
  delete process.env.PARATHED_STATBANK_URL;
  await double?.close();
  double = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function serve(tables: DoubleTable[]): Promise<void> {
  double = await startStatbankDouble(tables);
  process.env.PARATHED_STATBANK_URL = double.url;
}

/** The report's tables with one table's value changed for Ishøj (183). */
function withIshoej(table: string, value: (coords: Record<string, string>) => number | null): DoubleTable[] {
  return reportTables().map((t) => (t.id === table ? { ...t, value: (c) => (Object.values(c).includes('183') ? value(c) : t.value(c)) } : t));
}

describe('a share with no municipal figure', () => {
  it.each<[string, (c: Record<string, string>) => number | null]>([
    ['no counts', () => null],
    ['a denominator of 0', () => 0],
  ])('(%s) fails its indicator like a value does, and keeps the counts of an earlier pull', async (label, value) => {
    await serve(reportTables());
    const first = path.join(dir, `first-${label}.xlsx`);
    expect((await run('fetch', template, '--kommune', 'Ishøj', '--year', '2017', '--out', first)).code).toBe(0);
    const before = (await readWorkbook(readFileSync(first))).assessment!.indikatorer.IkkeVestlige!.Kommune;
    expect(before).toMatchObject({ taeller: 7293, naevner: 22719 });
    await double!.close();

    await serve(withIshoej('FOLK1E', value));
    const second = path.join(dir, `second-${label}.xlsx`);
    const r = await run('fetch', first, '--kommune', 'Ishøj', '--year', '2017', '--out', second);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/\(IkkeVestlige\): FEJL: FOLK1E: intet tal for Ishøj \(183\)/);
    const after = await readWorkbook(readFileSync(second));
    expect(after.assessment!.indikatorer.IkkeVestlige!.Kommune).toEqual(before);
  });
});

describe('no stale cached results', () => {
  it('after fetch into a workbook with a summary, every formula on every sheet caches what LibreOffice computes', async () => {
    await assertLibreOffice();
    await serve(reportTables());
    const demo = path.join(dir, 'demo.xlsx');
    expect((await run('demo', '--out', demo)).code).toBe(0);
    const out = path.join(dir, 'demo-hentet.xlsx');
    const r = await run('fetch', demo, '--kommune', 'Ishøj', '--year', '2017', '--out', out);
    expect(r.code).toBe(0);
    const [lo] = (await recalculate([out])) as [string];
    const { differences, formulas } = await cachedResultDifferences(out, lo);
    expect(differences.slice(0, 10)).toEqual([]);
    // The summary's own formulas are among them (its placering now shows the pulled rank).
    expect((await cachedResultDifferences(out, lo, 'Ledelsesresumé')).formulas).toBeGreaterThan(50);
    expect(formulas).toBeGreaterThan(600);
  }, 120_000);
});

describe('shared formulas are formulas', () => {
  it('a filled-down rank column stored as a shared formula is read and rewritten as the template’s formulas', async () => {
    await assertLibreOffice();
    await serve(reportTables());
    const ind = INDICATORS.find((i) => i.id === 'Fuldtidsledige')!;
    const col = dataColumns(ind.id).rank!;
    const range = `${col}${DATA_FIRST_KOMMUNE_ROW}:${col}${DATA_LAST_ROW}`;
    // Excel stores a filled-down range as one shared formula: the first cell's text, the rest by reference.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(DATA_SHEET)!;
    const first = ws.getCell(`${col}${DATA_FIRST_KOMMUNE_ROW}`).formula;
    ws.fillFormula(range, first, () => 0); // shared is ExcelJS's default
    const shared = path.join(dir, 'shared.xlsx');
    writeFileSync(shared, Buffer.from(await wb.xlsx.writeBuffer()));
    const xml = await (await JSZip.loadAsync(readFileSync(shared))).file(/xl\/worksheets\/sheet\d+\.xml/)!.map((f) => f.async('string'));
    expect((await Promise.all(xml)).some((x) => x.includes(`t="shared" ref="${range}"`))).toBe(true);

    expect((await run('validate', shared)).code).toBe(0);
    const out = path.join(dir, 'shared-hentet.xlsx');
    expect((await run('fetch', shared, '--kommune', 'Ishøj', '--year', '2017', '--out', out)).code).toBe(0);
    expect((await readWorkbook(readFileSync(out))).problems).toEqual([]);
    const [lo] = (await recalculate([out])) as [string];
    expect((await cachedResultDifferences(out, lo, DATA_SHEET)).differences.slice(0, 10)).toEqual([]);
    expect((await readSheets(lo)).get(DATA_SHEET)!.values.get(`${col}${DATA_FIRST_KOMMUNE_ROW + AREAS.filter((a) => a.kommune).findIndex((a) => a.code === '183')}`)).toBe(98);
  }, 120_000);
});

describe('official names', () => {
  it.each([
    ['Københavns Kommune', 'København'],
    ['Bornholms Regionskommune', 'Bornholm'],
    ['Ishøj Kommune', 'Ishøj'],
    ['ishøj', 'Ishøj'],
    ['183', 'Ishøj'],
    ['0183', 'Ishøj'],
  ])('--kommune "%s" is %s', (query, navn) => {
    expect(findKommune(query)?.navn).toBe(navn);
  });

  it('a pull for "Københavns Kommune" keeps the short name and titles the summary with the official one', async () => {
    await assertLibreOffice();
    await serve(reportTables());
    const out = path.join(dir, 'kbh.xlsx');
    expect((await run('fetch', template, '--kommune', 'Københavns Kommune', '--year', '2017', '--out', out)).code).toBe(0);
    expect((await readWorkbook(readFileSync(out))).cells.get('Kommune_Navn')).toBe('København');
    const resume = path.join(dir, 'kbh-resume.xlsx');
    await run('summary', out, '--out', resume);
    const [lo] = (await recalculate([resume])) as [string];
    const theirs = [...(await readSheets(lo)).get('Ledelsesresumé')!.values.values()];
    expect(theirs).toContain('Parathedsvurdering – Københavns Kommune');
    expect(JSON.stringify(theirs)).not.toContain('København Kommune');
    expect([...(await readSheets(lo)).get(DATA_SHEET)!.values.values()].some((v) => typeof v === 'string' && v.includes('for Københavns Kommune.'))).toBe(true);
    expect((await cachedResultDifferences(resume, lo, 'Ledelsesresumé')).differences).toEqual([]);
  }, 120_000);
});

describe('a 0 that may be a suppressed cell', () => {
  it('is not ranked as a real 0 on the Data sheet, and the footnote says so', async () => {
    // Læsø (825) has 0 convicted in 2017, in a table whose suppressedDataValue is "0".
    await serve(reportTables().map((t) => (t.id !== 'STRAFNA7' ? t : { ...t, suppressedDataValue: '0', value: (c) => (c.OMRÅDE === '825' && c.Tid === '2017' ? 0 : t.value(c)) })));
    const out = path.join(dir, 'laesoe.xlsx');
    expect((await run('fetch', template, '--kommune', 'Ishøj', '--year', '2017', '--out', out)).code).toBe(0);
    const data = (await readSheets(out)).get(DATA_SHEET)!;
    const ind = INDICATORS.find((i) => i.id === 'Doemte')!;
    const c = dataColumns(ind.id);
    const row = DATA_FIRST_KOMMUNE_ROW + AREAS.filter((a) => a.kommune).findIndex((a) => a.code === '825');
    expect([data.values.get(`${c.taeller}${row}`) ?? null, data.values.get(`${c.value}${row}`), data.values.get(`${c.rank}${row}`)]).toEqual([null, '', '']);
    const r = await readWorkbook(readFileSync(out));
    expect(String(r.cells.get('Ind_Doemte_Fodnote'))).toMatch(/usikkert for Læsø \(825\) og bør ikke rangeres som et rigtigt 0/);
  }, 60_000);
});
