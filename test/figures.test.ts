/**
 * Every figure right (issue 8, section 1): one bad cell blanks only its own field, validate and
 * summary report the same problems and blanks, each once; a rewrite leaves no stale cached result.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { ishoej2017 } from '../src/examples/ishoej';
import { describeWorkbook } from '../src/workbook/template';
import { readWorkbook } from '../src/xlsx/open';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { PRIORITY_TEXT_MAX, THEME_TEXT_MAX } from '../src/summary/summary';
import { runCli as run } from './helpers/cli';
import { writeWithNamedCells } from './helpers/named-cells';
import { assertLibreOffice, recalculate } from './helpers/libreoffice';
import { cachedResultDifferences } from './helpers/xlsx-cells';

let dir: string;
let demo: Buffer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-figures-'));
  demo = Buffer.from(await writeXlsx(describeWorkbook(ishoej2017().assessment)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The demo with these named cells set, written to a file. */
const demoWith = (values: Record<string, ExcelJS.CellValue>, name: string) => writeWithNamedCells(demo, values, path.join(dir, name));

describe('one bad cell does not blank the assessment', () => {
  it.each<[string, Record<string, ExcelJS.CellValue>, string]>([
    ['tæller above nævner', { Ind_Grundskole_Kommune_Taeller: 5000, Ind_Grundskole_Kommune_Naevner: 100 }, 'Ind_Grundskole_Kommune_Taeller'],
    ['nævner 0', { Ind_Grundskole_Kommune_Taeller: 0, Ind_Grundskole_Kommune_Naevner: 0 }, 'Ind_Grundskole_Kommune_Naevner'],
    ['only the tæller', { Ind_Grundskole_Kommune_Taeller: 10, Ind_Grundskole_Kommune_Naevner: null }, 'Ind_Grundskole_Kommune_Naevner'],
  ])('%s: one problem at its cell; the rest of the assessment stays', async (_, values, name) => {
    const file = await demoWith(values, `share-${name}-${Object.values(values).join('-')}.xlsx`);
    const r = await readWorkbook(readFileSync(file));
    expect(r.problems.map((p) => p.name)).toEqual([name]);
    const a = r.partial!;
    expect(a.kommune.navn).toBe('Ishøj');
    expect(Object.values(a.vurderinger).every((v) => v !== null)).toBe(true);
    // Only that indicator's geography is blank; its region and country and the other indicators stay.
    expect(a.indikatorer.Grundskole!.Kommune).toEqual({ taeller: null, naevner: null, indtastet: null });
    expect(a.indikatorer.Grundskole!.Land).toEqual(ishoej2017().assessment.indikatorer.Grundskole!.Land);
    expect(a.indikatorer.Fuldtidsledige).toEqual(ishoej2017().assessment.indikatorer.Fuldtidsledige);

    const summary = await run('summary', file, '--out', path.join(dir, `resume-${name}-${Object.values(values).join('-')}.xlsx`));
    expect(summary.code).toBe(1);
    expect(summary.err).not.toMatch(/Mangler: kommunen er ikke valgt|er ikke vurderet/);
  });
});

describe('validate and summary agree', () => {
  it('report the same problems and the same blanks, each once', async () => {
    const file = await demoWith({ Egen_Beredskab: 5, Vurd_Strategi: null, Ind_Fuldtidsledige_Kommune: null, Omfang_Bekymringshenvendelser: 'mange' }, 'agree.xlsx');
    const v = await run('validate', file, '--json');
    expect(v.code).toBe(1);
    const json = JSON.parse(v.out) as { problems: { name: string; message: string }[]; missing: { name: string; message: string }[] };
    expect(json.problems.map((p) => p.name).sort()).toEqual(['Egen_Beredskab', 'Omfang_Bekymringshenvendelser']);
    expect(json.missing.map((p) => p.name).sort()).toEqual(['Ind_Fuldtidsledige_Kommune', 'Vurd_Strategi']);

    const s = await run('summary', file, '--out', path.join(dir, 'agree-resume.xlsx'));
    const text = await run('validate', file);
    const lines = (out: string) => out.split('\n').filter((l) => l.startsWith(`${file}:`)).sort();
    // The summary prints exactly the lines validate prints: the problems, then what is blank.
    expect(lines(s.err)).toEqual(lines(text.out));
    expect(lines(s.err)).toHaveLength(4);
    expect(text.out).toMatch(/Ikke udfyldt endnu \(2\)/);
  });
});

describe('no stale cached results', () => {
  it('the summary of a workbook whose cached results are stale brings every sheet up to date', async () => {
    await assertLibreOffice();
    // A rating changed by a program that does not recalculate: the Score sheet's cached results are stale.
    const stale = await demoWith({ Egen_Beredskab: 1, Vurd_Strategi: 4 }, 'stale.xlsx');
    const out = path.join(dir, 'stale-resume.xlsx');
    expect((await run('summary', stale, '--out', out)).code).toBe(0);
    const [lo] = (await recalculate([out])) as [string];
    const { differences, formulas } = await cachedResultDifferences(out, lo);
    expect(differences.slice(0, 10)).toEqual([]);
    expect(formulas).toBeGreaterThan(600);
  }, 120_000);
});

describe('long texts on the summary', () => {
  it('ambitions and priorities are cut at a sentence, with a pointer to the full text', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Sætning nummer ${i + 1} om det, kommunen vil.`).join(' ');
    const file = await demoWith({ Ambitioner: long, Prioritet_1_Forbedringer: long }, 'lange-tekster.xlsx');
    const out = path.join(dir, 'lange-tekster-resume.xlsx');
    expect((await run('summary', file, '--out', out)).code).toBe(0);
    const { readSheets } = await import('./helpers/xlsx-cells');
    const texts = [...(await readSheets(out)).get('Ledelsesresumé')!.values.values()].filter((v): v is string => typeof v === 'string');
    // Ambitioner and priority 1, each cut to one printed line with a pointer to the rest.
    const cut = texts.filter((t) => t.startsWith('Sætning nummer 1 '));
    expect(cut).toHaveLength(2);
    for (const t of cut) {
      expect(t).toMatch(/vil\. \(mere i Selvevaluering\)$/);
      expect(t.length).toBeLessThanOrEqual(Math.max(THEME_TEXT_MAX, PRIORITY_TEXT_MAX));
    }
  });
});
