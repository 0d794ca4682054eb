/**
 * Every figure right in a pull (issue 8, section 1), against the local TEST DOUBLE of StatBank on
 * 127.0.0.1: a share without a municipal figure fails its indicator and keeps the counts an
 * earlier pull wrote; no output carries a stale cached result.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { describeWorkbook } from '../src/workbook/template';
import { readWorkbook } from '../src/xlsx/open';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { runCli as run } from './helpers/cli';
import { assertLibreOffice, recalculate } from './helpers/libreoffice';
import { cachedResultDifferences } from './helpers/xlsx-cells';
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
