/**
 * Template versions (issue 9): every released layout kept as data and the current one pinned to
 * the sheet descriptions; the reader reads each released version through its own layout; 1.1's
 * new cells; `parathed upgrade`.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { KNOWN_TEMPLATE_VERSIONS, TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { isoToSerial } from '../src/workbook/formats';
import { normalFormula } from '../src/workbook/structure';
import { describeWorkbook } from '../src/workbook/template';
import { describedLayout, layoutOf, layoutOfWorkbook, layoutRequest, type LayoutData } from '../src/workbook/versions';
import { ReadView, combineRequests } from '../src/workbook/view';
import { openAndRead, readWorkbook } from '../src/xlsx/open';
import { emptyData } from '../src/workbook/sheets/data';
import { tableUpdates } from '../src/workbook/sheets/log';
import { XlsxWorkbook, writeXlsx } from '../src/xlsx/xlsx-workbook';
import { runCli as run } from './helpers/cli';
import { writeWithNamedCells } from './helpers/named-cells';
import { startStatbankDouble } from './helpers/statbank-double';
import { reportTables } from './helpers/statbank-tables';
import { sha256 } from './helpers/hash';

const V10 = path.join(__dirname, 'fixtures', 'v1.0');
const fixture = (name: string) => path.join(V10, name);

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-versions-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A layout with formulas compared as the reader compares them. */
const comparable = (l: LayoutData) => ({ ...l, formulas: Object.fromEntries(Object.entries(l.formulas).map(([k, f]) => [k, normalFormula(f)])) });

async function layoutOfFile(bytes: Uint8Array, version: string): Promise<LayoutData> {
  const opened = await XlsxWorkbook.open(bytes);
  if ('problem' in opened) throw new Error(opened.problem);
  const { sheets } = await opened.workbook.read({ sheets: true });
  return layoutOfWorkbook(new ReadView(await opened.workbook.read(combineRequests(layoutRequest(), { ranges: sheets.map((s) => ({ sheet: s.name })) }))), version);
}

describe('layouts as data', () => {
  it('the current version’s stored layout is what the sheet descriptions give (else: a new TEMPLATE_VERSION and npm run layout)', () => {
    const stored = layoutOf(TEMPLATE_VERSION);
    expect(stored).toBeDefined();
    expect(comparable(describedLayout())).toEqual(comparable(stored!));
  });

  it('the written template has exactly the described names and formulas', async () => {
    const written = await layoutOfFile(await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))), TEMPLATE_VERSION);
    expect(comparable(written)).toEqual(comparable(layoutOf(TEMPLATE_VERSION)!));
  });

  it('1.0 is the layout of the template released at 0607165', async () => {
    expect(KNOWN_TEMPLATE_VERSIONS).toEqual(['1.0', '1.1']);
    expect(comparable(await layoutOfFile(readFileSync(fixture('parathedsvurdering-1.0.xlsx')), '1.0'))).toEqual(comparable(layoutOf('1.0')!));
  });
});

describe('the reader reads every released version', () => {
  it('the 1.0 demo made at 0607165 validates and scores 3,0, read as version 1.0', async () => {
    const v = await run('validate', fixture('ishoej-demo-1.0.xlsx'), '--json');
    expect(v.code).toBe(0);
    expect(JSON.parse(v.out)).toMatchObject({ ok: true, version: '1.0', problems: [] });
    const s = await run('score', fixture('ishoej-demo-1.0.xlsx'), '--json');
    expect(JSON.parse(s.out)).toMatchObject({ samlet: 3, niveau: 'I nogen grad' });
  });

  it('a 1.0 workbook pulled at 0607165 is read with its Data sheet', async () => {
    const r = await readWorkbook(readFileSync(fixture('ishoej-hentet-1.0.xlsx')));
    expect(r.problems).toEqual([]);
    expect(r.version).toBe('1.0');
    expect(r.assessment!.indikatorer.IkkeVestlige!.Kommune).toMatchObject({ taeller: 7293, naevner: 22719 });
  });

  it('refuses a development build that also says 1.0, saying so', async () => {
    const r = await run('validate', fixture('dev-build-0399a21.xlsx'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/siger skabelonversion 1\.0, men opbygningen er ikke den udgivne version 1\.0 .*udviklingsudgave/);
    expect(r.out.trim().split('\n')).toHaveLength(2);
  });

  it('says a newer version needs a newer parathed', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))) as unknown as ArrayBuffer);
    wb.getWorksheet('Vejledning')!.eachRow((row) => row.eachCell((c) => {
      if (c.value === TEMPLATE_VERSION) c.value = '7.2';
    }));
    const file = path.join(dir, 'newer.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    expect((await run('validate', file)).out).toMatch(/skabelonversion 7\.2, som er nyere end denne version af parathed .*Opdater parathed/);
  });
});

describe('version 1.1', () => {
  const templateWith = async (values: Record<string, ExcelJS.CellValue>, name: string, base?: Uint8Array) =>
    writeWithNamedCells(base ?? (await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION)))), values, path.join(dir, name));

  it.each<[string, ExcelJS.CellValue, string | null]>([
    ['an Excel date', new Date(Date.UTC(2017, 5, 30)), '2017-06-30'],
    ['a serial number', isoToSerial('2017-06-30'), '2017-06-30'],
    ['text dd-mm-åååå', '30-06-2017', '2017-06-30'],
    ['blank', null, null],
  ])('Vurdering_Dato as %s reads as the date', async (label, value, iso) => {
    const r = await readWorkbook(readFileSync(await templateWith({ Vurdering_Dato: value }, `dato-${label}.xlsx`)));
    expect(r.problems).toEqual([]);
    expect(r.assessment!.vurderingDato).toBe(iso);
  });

  it('Vurdering_Dato that is no date is a problem at its cell', async () => {
    const r = await readWorkbook(readFileSync(await templateWith({ Vurdering_Dato: 'sidste år' }, 'dato-bad.xlsx')));
    expect(r.problems.map((p) => [p.name, p.message])).toEqual([['Vurdering_Dato', expect.stringMatching(/"sidste år" er ikke en dato: skriv datoen som dd-mm-åååå/)]]);
  });

  it('fetch records whose figures it wrote; validate says when the municipality named is another one', async () => {
    const double = await startStatbankDouble(reportTables());
    process.env.PARATHED_STATBANK_URL = double.url;
    try {
      const template = path.join(dir, 'tom.xlsx');
      writeFileSync(template, await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
      const pulled = path.join(dir, 'hentet-ishoej.xlsx');
      expect((await run('fetch', template, '--kommune', 'Ishøj', '--year', '2017', '--out', pulled)).code).toBe(0);
      const r = await readWorkbook(readFileSync(pulled));
      expect(r.cells.get('Hentet_Kommune_Kode')).toBe('183');
      expect(r.problems).toEqual([]);
      // The pull log records each table's tableinfo `updated` time.
      const opened = await openAndRead(readFileSync(pulled));
      expect(tableUpdates(opened.workbook ? opened.read.data : emptyData())).toEqual(
        Object.fromEntries(['AULKP01', 'INDKP106', 'HFUDD11', 'STRAFNA7', 'FOLK1A', 'FOLK1E'].map((t) => [t, '2025-03-25T08:00:00'])),
      );
      const other = await templateWith({ Kommune_Navn: 'Greve' }, 'greve.xlsx', readFileSync(pulled));
      const v = await run('validate', other);
      expect(v.code).toBe(1);
      expect(v.out).toMatch(/\(Kommune_Navn\): Kommune: tallene fra Danmarks Statistik er hentet for Ishøj Kommune \(183\), men kommunen er Greve Kommune/);
    } finally {
      delete process.env.PARATHED_STATBANK_URL;
      await double.close();
    }
  });
});

describe('parathed upgrade', () => {
  it('writes the 1.0 demo into 1.1 with the same inputs, score 3, the summary anew, and says what moved; the input is unchanged', async () => {
    const input = path.join(dir, 'demo-1.0.xlsx');
    copyFileSync(fixture('ishoej-demo-1.0.xlsx'), input);
    const before = sha256(input);
    const r = await run('upgrade', input, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const out = path.join(dir, `demo-1.0-v${TEMPLATE_VERSION}.xlsx`);
    expect(json).toMatchObject({ from: '1.0', to: '1.1', written: out, summary: true, notCarried: [] });
    expect(json.moved).toEqual(expect.arrayContaining([{ name: 'Kommune_Indbyggere', from: 'Kommune!C7', to: 'Kommune!C9' }, { name: 'Vurdering_Dato', to: 'Kommune!C7' }]));
    expect(sha256(input)).toBe(before);

    const old = await readWorkbook(readFileSync(input));
    const now = await readWorkbook(readFileSync(out));
    expect(now.problems).toEqual([]);
    expect(now.version).toBe('1.1');
    const { templateVersion: _a, ...oldInputs } = old.assessment!;
    const { templateVersion: _b, vurderingDato, kommune, ...newInputs } = now.assessment!;
    const { kommune: oldKommune, ...oldRest } = oldInputs as typeof oldInputs & { vurderingDato?: unknown };
    expect({ ...newInputs, kommune: { ...kommune, hentetKode: undefined } }).toEqual({ ...oldRest, vurderingDato: undefined, kommune: { ...oldKommune, hentetKode: undefined } });
    expect(vurderingDato).toBeNull();
    expect(JSON.parse((await run('score', out, '--json')).out)).toMatchObject({ samlet: 3 });
    expect((await XlsxWorkbook.open(readFileSync(out)) as { workbook: XlsxWorkbook }).workbook).toBeDefined();
  });

  it('carries a pull over so its figures stay pulled: a new pull writes every indicator, none kept as typed by hand', async () => {
    const out = path.join(dir, 'hentet-1.1.xlsx');
    const r = await run('upgrade', fixture('ishoej-hentet-1.0.xlsx'), '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Hentet_Kommune_Kode er sat til 183/);
    const double = await startStatbankDouble(reportTables());
    process.env.PARATHED_STATBANK_URL = double.url;
    try {
      const again = await run('fetch', out, '--kommune', 'Ishøj', '--year', '2017', '--out', path.join(dir, 'hentet-igen.xlsx'), '--json');
      expect(again.code).toBe(0);
      const json = JSON.parse(again.out);
      expect(json.kept).toEqual([]);
      expect(json.indicators.map((i: { status: string }) => i.status)).toEqual(Array(6).fill('skrevet'));
    } finally {
      delete process.env.PARATHED_STATBANK_URL;
      await double.close();
    }
  });

  it('refuses a workbook with a sheet of the user’s own, naming it, and writes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(fixture('ishoej-demo-1.0.xlsx')) as unknown as ArrayBuffer);
    wb.addWorksheet('Mine noter').getCell('A1').value = 'noter';
    const file = path.join(dir, 'egne-ark.xlsx');
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    const r = await run('upgrade', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/"Mine noter" er ikke en del af skabelonen/);
    expect(existsSync(path.join(dir, `egne-ark-v${TEMPLATE_VERSION}.xlsx`))).toBe(false);
  });

  it('says a current workbook needs no upgrade; a rewrite of an old one asks for the upgrade first; usage errors exit 2', async () => {
    const current = path.join(dir, 'current.xlsx');
    writeFileSync(current, await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
    const same = await run('upgrade', current);
    expect(same.code).toBe(0);
    expect(same.err).toMatch(/er allerede skabelonversion 1\.1/);
    const summary = await run('summary', fixture('ishoej-demo-1.0.xlsx'), '--out', path.join(dir, 'x.xlsx'));
    expect(summary.code).toBe(1);
    expect(summary.err).toMatch(/er skabelonversion 1\.0\. Opgrader den først til version 1\.1: parathed upgrade/);
    expect((await run('upgrade')).code).toBe(2);
  });
});
