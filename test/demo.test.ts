/**
 * The demo workbook (Ishøj 2017) and the empty template, opened and recalculated in LibreOffice:
 * the score is 3,0 as in the report, every formula's cached result (written by the TypeScript
 * mirror) equals what LibreOffice computes, and the workbook LibreOffice saves reads back
 * without problems.
 */
import { rmSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ishoej2017 } from '../src/examples/ishoej';
import { TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { readWorkbook } from '../src/xlsx/open';
import { missingInputs } from '../src/workbook/validate';
import { describeWorkbook } from '../src/workbook/template';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { assertLibreOffice, recalculate } from './helpers/libreoffice';
import { cachedResultDifferences, definedNames, readSheets } from './helpers/xlsx-cells';

let dir: string;
let demo: string;
let template: string;
let demoLo: string;
let templateLo: string;

beforeAll(async () => {
  await assertLibreOffice();
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-demo-'));
  demo = path.join(dir, 'demo.xlsx');
  template = path.join(dir, 'template.xlsx');
  writeFileSync(demo, await writeXlsx(describeWorkbook(ishoej2017().assessment)));
  writeFileSync(template, await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
  [demoLo, templateLo] = (await recalculate([demo, template])) as [string, string];
}, 300_000);

async function named(file: string) {
  const sheets = await readSheets(file);
  const names = await definedNames(file);
  return (name: string) => {
    const loc = names.get(name);
    if (!loc) throw new Error(`no name ${name} in ${file}`);
    return sheets.get(loc.sheet)!.values.get(loc.cell) ?? null;
  };
}

describe('demo workbook in LibreOffice', () => {
  it('opens, recalculates and shows Ishøj with score 3,0 as in the 2017 report', async () => {
    const get = await named(demoLo);
    expect(get('Kommune_Navn')).toBe('Ishøj');
    expect(get('Kommune_Kode')).toBe('183');
    expect(get('Kommune_Region')).toBe('Region Hovedstaden');
    expect(get('Kommune_Politikreds')).toBe('Københavns Vestegns Politi');
    expect(get('Kommune_Indbyggere')).toBe(22719);
    expect(get('Score_Antal')).toBe(10);
    expect(get('Score_Samlet')).toBe(ishoej2017().printedTotalScore);
    expect(get('Score_Samlet')).toBe(3);
    expect(get('Score_Niveau')).toBe('I nogen grad');
    expect(get('Score_Egen')).toBe(3.4);
    expect(get('Score_Vurdering')).toBe(2.6);
    expect(get('Ind_Fuldtidsledige_Kommune')).toBe(0.071);
    expect(get('Ind_Grundskole_Kommune')).toBe(0.287);
    expect(get('Ind_DisponibelIndkomst_Kommune')).toBe(193760);
    expect(get('Ind_IkkeVestlige_Land')).toBe(0.084);
  });

  it.each([
    ['demo', () => demo, () => demoLo],
    ['template', () => template, () => templateLo],
  ])('%s: every cached result the mirror wrote equals LibreOffice’s recalculation', async (_, ours, theirs) => {
    const { differences, formulas } = await cachedResultDifferences(ours(), theirs());
    expect(differences).toEqual([]);
    expect(formulas).toBeGreaterThan(40);
  });

  it('the workbook as LibreOffice saves it reads back to the same assessment', async () => {
    const result = await readWorkbook(readFileSync(demoLo));
    expect(result.problems).toEqual([]);
    expect(result.assessment).toEqual(ishoej2017().assessment);
  });
});

describe('the demo’s Vurdering_Dato', () => {
  /** The last day of a quarter ("2017K3" → 2017-09-30) or a school year ("2016/2017" → 2017-07-31). */
  const periodEnd = (p: string): string => {
    const quarter = /^(\d{4})K([1-4])$/.exec(p);
    if (quarter) return new Date(Date.UTC(Number(quarter[1]), Number(quarter[2]) * 3, 0)).toISOString().slice(0, 10);
    const schoolYear = /^\d{4}\/(\d{4})$/.exec(p);
    if (schoolYear) return `${schoolYear[1]}-07-31`;
    throw new Error(`unknown period ${p}`);
  };

  it('is a fixed date in late 2017, after every quarter and school year of its figures, and its note says the report gives only the year', async () => {
    const { assessment } = ishoej2017();
    const data = JSON.parse(readFileSync(path.join(__dirname, '..', 'src', 'examples', 'ishoej-2017.json'), 'utf8')) as { about: string; assessmentDate: string };
    expect(assessment.vurderingDato).toBe(data.assessmentDate);
    expect(assessment.vurderingDato).toMatch(/^2017-(10|11|12)-\d\d$/);
    const periods = Object.values(assessment.indikatorer).map((i) => i.periode!);
    // A year's figure is of the report's year (2017) at the latest; a quarter or school year ended before the date.
    for (const p of periods) expect({ p, before: /^\d{4}$/.test(p) ? Number(p) <= 2017 : periodEnd(p) < assessment.vurderingDato! }).toEqual({ p, before: true });
    expect(periods).toContain('2017K3');
    expect(data.about).toMatch(/The report gives only the year of the assessment \(2017\)/);
    // Read back from the workbook LibreOffice saved: the same date, and nothing missing.
    const result = await readWorkbook(readFileSync(demoLo));
    expect(result.partial?.vurderingDato).toBe(data.assessmentDate);
    expect(missingInputs(result)).toEqual([]);
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));
