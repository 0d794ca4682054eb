/**
 * No CPR-shaped number in any output (issue 21): each form a cell can hold one in (text with a
 * dash, a space, a non-breaking space or nothing between, a ten-digit number, the nine-digit
 * number a 0101901234 typed into a General cell becomes, and the forms Excel or a copy may show
 * it in) is written into every input field of an assessment, and every output of every command
 * is searched for its digits (after removing ".", ",", spaces, non-breaking spaces and "-") and
 * for it in scientific notation: text, --json, stderr, every part of the overview, the summary
 * sheet and its PDF. A user's sheet and defined name shaped like one are never echoed either.
 */
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { CPR_MASK, looksLikeCpr, maskCpr } from '../src/model/cpr';
import { KOMMUNE_NAMES, VURDERING_DATO_NAME } from '../src/model/indicators';
import { schemaAt } from '../src/model/schema';
import { PREVIOUS_SHEET } from '../src/summary/previous';
import { SUMMARY_SHEET } from '../src/summary/summary';
import { inputFields } from '../src/workbook/fields';
import { layoutOf } from '../src/workbook/versions';
import { runCli, type Run } from './helpers/cli';
import { writeWithNamedCells } from './helpers/named-cells';
import { readSheets } from './helpers/xlsx-cells';

/** Every form, each holding the digits 01901234 (0101901234 is 1 January 1990, 1101901234 the 11th). */
const FORMS: [string, ExcelJS.CellValue][] = [
  ['text with a dash', '010190-1234'],
  ['text with a space', '010190 1234'],
  ['text with a non-breaking space, in a sentence', 'Borger 010190\u00a01234 bekymrer os'],
  ['text without a separator', '0101901234'],
  ['a ten-digit number', 1101901234],
  ['a nine-digit number (0101901234 typed into a General cell)', 101901234],
  ['the nine-digit number as text in scientific notation', '1.01901234E+08'],
  ['the nine-digit number as text with decimals', '101901234,0'],
];
const DIGITS = '01901234';

/** Where an output shows the number: its digits with separators removed, or in scientific notation. */
function leaks(text: string): string[] {
  const found: string[] = [];
  const flat = text.replace(/[.,\s\u00a0\u202f-]/g, '');
  for (let i = flat.indexOf(DIGITS); i >= 0; i = flat.indexOf(DIGITS, i + 1)) found.push(flat.slice(Math.max(0, i - 30), i + 30));
  for (const m of text.matchAll(/1[.,]1?0190\d*\s*e\s*\+?0?[89]/gi)) found.push(m[0]);
  return found;
}

let dir: string;
let demo: Buffer;
const file = (name: string) => path.join(dir, name);
const RESPONSES = path.join(__dirname, '..', 'examples', 'statbank-konstrueret');

/** A workbook with every input field of its version but the municipality set to one value. */
async function filled(base: Buffer, version: string, value: ExcelJS.CellValue, name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(base as unknown as ArrayBuffer);
  const names = layoutOf(version)!.names;
  for (const field of inputFields()) {
    if (field.name === KOMMUNE_NAMES.navn || !(field.name in names)) continue;
    const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(wb.definedNames.getRanges(field.name).ranges[0]!)!;
    wb.getWorksheet(m[1]!)!.getCell(`${m[2]}${m[3]}`).value = value;
  }
  writeFileSync(file(name), Buffer.from(await wb.xlsx.writeBuffer()));
  return file(name);
}

/** The input fields `filled` sets. */
const filledNames = inputFields()
  .map((f) => f.name)
  .filter((n) => n !== KOMMUNE_NAMES.navn);

/** What each output showed, by where it came from. */
const outputs: [string, string][] = [];
const ran = (label: string, r: Run) => {
  outputs.push([`${label}: stdout`, r.out], [`${label}: stderr`, r.err]);
  expect(r.err).not.toMatch(/Uventet fejl|\n\s+at /);
  return r;
};
async function xlsxParts(label: string, xlsx: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(xlsx));
  for (const name of Object.keys(zip.files)) if (!zip.files[name]!.dir) outputs.push([`${label}: ${name}`, await zip.file(name)!.async('string')]);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-cpr-'));
  expect((await runCli('demo', '--out', file('demo.xlsx'))).code).toBe(0);
  demo = readFileSync(file('demo.xlsx'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the one predicate', () => {
  it.each<[string, unknown]>([...FORMS, ['an en dash', '010190–1234'], ['a dash between spaces', 'Sag 010190 - 1234'], ['thousands separators', '101.901.234'], ['a number with decimals', '1101901234.00'], ['29 February', '290200-1234']])(
    'spots %s',
    (_, value) => {
      expect(looksLikeCpr(value)).toBe(true);
      expect(leaks(maskCpr(String(value)))).toEqual([]);
    },
  );

  it.each<[string, unknown]>([
    ['an ordinary count', 22719],
    ['a population', 1_300_000],
    ['an eight-digit telephone number', '43 57 70 00'],
    ['a day that does not exist', '310490-1234'],
    ['a 13th month', '011390-1234'],
    ['eleven digits', '01019012345'],
    ['a nine-digit number whose date does not exist', 321901234],
    ['a fraction', 101901234.5],
    ['a year range', 'Budget 1.250.000 kr. i 2024-2027'],
    ['a date', '30-06-2017'],
    ['a boolean', true],
  ])('leaves alone %s', (_, value) => {
    expect(looksLikeCpr(value)).toBe(false);
    expect(maskCpr(String(value))).toBe(String(value));
  });

  it('masks the number inside a name and keeps the rest', () => {
    expect(maskCpr('Borger 010190-1234.xlsx')).toBe(`Borger ${CPR_MASK}.xlsx`);
    expect(maskCpr('101901234')).toBe(CPR_MASK);
  });
});

describe('every output of every command', () => {
  const forms = FORMS.map(([label, value], i) => ({ label, value, name: `form-${i}.xlsx` }));
  /** The overview's inputs. */
  const inputs: string[] = [];

  /** The demo, dated 2013, with every count and figure that accepts the number set to it: an assessment without problems. */
  async function valid(value: number, name: string): Promise<string> {
    const values: Record<string, ExcelJS.CellValue> = { [VURDERING_DATO_NAME]: new Date(Date.UTC(2013, 4, 1)) };
    for (const field of inputFields()) {
      if ((field.kind === 'count' || field.kind === 'figure') && schemaAt(field.path).safeParse(value).success) values[field.name] = value;
    }
    await writeWithNamedCells(demo, values, file(name));
    const { problems } = JSON.parse((await runCli('validate', file(name), '--json')).out) as { problems: { name: string }[] };
    for (const p of problems) delete values[p.name];
    expect(Object.keys(values).length).toBeGreaterThan(10);
    return writeWithNamedCells(demo, values, file(name));
  }

  beforeAll(async () => {
    for (const f of forms) await filled(demo, '1.1', f.value, f.name);
  }, 60_000);

  it('validate and score, as text and --json', async () => {
    for (const f of forms) {
      for (const command of ['validate', 'score']) {
        ran(`${command} ${f.label}`, await runCli(command, file(f.name)));
        ran(`${command} --json ${f.label}`, await runCli(command, file(f.name), '--json'));
      }
    }
  });

  it('Kommune_Navn holding the number in each form: validate, score and summary, as text and --json', async () => {
    for (const [i, f] of forms.entries()) {
      const named = await writeWithNamedCells(demo, { [KOMMUNE_NAMES.navn]: f.value }, file(`kommune-${i}.xlsx`));
      for (const command of ['validate', 'score']) {
        ran(`${command} (Kommune_Navn) ${f.label}`, await runCli(command, named));
        ran(`${command} --json (Kommune_Navn) ${f.label}`, await runCli(command, named, '--json'));
      }
      // The summary sheet (the rest of the file is the user's own workbook, copied as it is).
      const out = file(`kommune-resume-${i}.xlsx`);
      ran(`summary (Kommune_Navn) ${f.label}`, await runCli('summary', named, '--out', out));
      if (existsSync(out)) {
        const sheet = (await readSheets(out)).get(SUMMARY_SHEET)!;
        outputs.push([`summary (Kommune_Navn) ${f.label}: ${SUMMARY_SHEET} values`, JSON.stringify([...sheet.values])]);
        outputs.push([`summary (Kommune_Navn) ${f.label}: ${SUMMARY_SHEET} formulas`, JSON.stringify([...sheet.formulas])]);
      }
    }
  });

  it('summary: the summary sheet, its formulas and the messages; the PDF once', async () => {
    for (const [i, f] of forms.entries()) {
      const out = file(`resume-${i}.xlsx`);
      const pdf = i === 5 ? file('resume.pdf') : undefined;
      const r = ran(`summary ${f.label}`, await runCli('summary', file(f.name), '--out', out, ...(pdf ? ['--pdf', pdf] : [])));
      expect(r.code).toBeLessThan(2);
      const sheet = (await readSheets(out)).get(SUMMARY_SHEET)!;
      outputs.push([`summary ${f.label}: ${SUMMARY_SHEET} values`, JSON.stringify([...sheet.values])]);
      outputs.push([`summary ${f.label}: ${SUMMARY_SHEET} formulas`, JSON.stringify([...sheet.formulas])]);
      // Not even by a formula (which would show the number once Excel calculates); a name only
      // compared with something (NAME=…, giving "*" or a blank) cannot show it.
      const formulas = [...sheet.formulas.values()].join(' ');
      expect(filledNames.filter((n) => new RegExp(`\\b${n}\\b(?!=)`).test(formulas)).map((n) => `${f.label}: ${n}`)).toEqual([]);
      if (pdf) outputs.push([`summary ${f.label}: PDF`, execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' })]);
    }
  }, 300_000);

  it('fetch, keeping and replacing the typed figures, as text and --json', async () => {
    for (const [i, f] of forms.entries()) {
      const args = [file(f.name), '--kommune', 'Ishøj', '--year', '2017', '--responses', RESPONSES];
      ran(`fetch ${f.label}`, await runCli('fetch', ...args, '--out', file(`hentet-${i}.xlsx`)));
      ran(`fetch --replace-typed --json ${f.label}`, await runCli('fetch', ...args, '--out', file(`hentet-r-${i}.xlsx`), '--replace-typed', '--json'));
    }
  }, 300_000);

  it('upgrade of a 1.0 workbook, as text and --json', async () => {
    const old = readFileSync(path.join(__dirname, 'fixtures', 'v1.0', 'ishoej-demo-1.0.xlsx'));
    for (const [i, f] of forms.entries()) {
      const input = await filled(old, '1.0', f.value, `old-${i}.xlsx`);
      ran(`upgrade ${f.label}`, await runCli('upgrade', input, '--out', file(`upgraded-${i}.xlsx`)));
      ran(`upgrade --json ${f.label}`, await runCli('upgrade', input, '--out', file(`upgraded-j-${i}.xlsx`), '--json'));
    }
  }, 120_000);

  it('a valid assessment whose counts and figures are CPR-shaped numbers: fetch keeping and replacing them, summary --previous, validate', async () => {
    for (const [i, value] of [101901234, 1101901234].entries()) {
      const input = await valid(value, `valid-${i}.xlsx`);
      expect(ran(`validate valid ${value}`, await runCli('validate', input, '--json')).code).toBe(0);
      ran(`score valid ${value}`, await runCli('score', input));
      inputs.push(input);
      const args = [input, '--kommune', 'Ishøj', '--year', '2017', '--responses', RESPONSES];
      const kept = ran(`fetch valid ${value}`, await runCli('fetch', ...args, '--out', file(`valid-hentet-${i}.xlsx`)));
      expect(kept.out).toMatch(new RegExp(`bevaret .*${CPR_MASK}`));
      const replaced = ran(`fetch valid --replace-typed ${value}`, await runCli('fetch', ...args, '--out', file(`valid-hentet-r-${i}.xlsx`), '--replace-typed'));
      // The figures pulled are never masked: only what the input cell held.
      expect(replaced.out).toMatch(new RegExp(`ændret .*${CPR_MASK}"? → \\d`));
      ran(`fetch valid --replace-typed --json ${value}`, await runCli('fetch', ...args, '--out', file(`valid-hentet-j-${i}.xlsx`), '--replace-typed', '--json'));
      const out = file(`valid-resume-${i}.xlsx`);
      ran(`summary --previous ${value}`, await runCli('summary', file('demo.xlsx'), '--previous', input, '--out', out));
      for (const [name, sheet] of await readSheets(out)) {
        if (name !== SUMMARY_SHEET && name !== PREVIOUS_SHEET) continue;
        outputs.push([`summary --previous ${value}: ${name}`, JSON.stringify([...sheet.values, ...sheet.formulas])]);
      }
    }
  }, 300_000);

  it('consolidate: every part of the overview (Oversigt and Filer), its --json and its messages', async () => {
    inputs.push(...forms.map((f) => file(f.name)));
    ran('consolidate', await runCli('consolidate', ...inputs, '--out', file('oversigt.xlsx')));
    ran('consolidate --json', await runCli('consolidate', ...inputs, '--out', file('oversigt-j.xlsx'), '--json'));
    await xlsxParts('overview', file('oversigt.xlsx'));
  }, 120_000);

  it('a sheet and a defined name shaped like a CPR number are never echoed', async () => {
    const user = async (base: Buffer, name: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(base as unknown as ArrayBuffer);
      wb.addWorksheet('0101901234').getCell('A1').value = 'noter';
      wb.addWorksheet('101901234').getCell('A1').value = 'noter';
      wb.definedNames.add("'0101901234'!$A$1", 'Borger_010190_1234');
      wb.definedNames.add("'101901234'!$A$1", 'Borger_0101901234');
      writeFileSync(file(name), Buffer.from(await wb.xlsx.writeBuffer()));
      return file(name);
    };
    const current = await user(demo, 'sheets.xlsx');
    const old = await user(readFileSync(path.join(__dirname, 'fixtures', 'v1.0', 'ishoej-demo-1.0.xlsx')), 'sheets-1.0.xlsx');
    for (const command of ['validate', 'score']) ran(`${command} (sheets)`, await runCli(command, current, '--json'));
    ran('summary (sheets)', await runCli('summary', current, '--out', file('sheets-resume.xlsx')));
    ran('upgrade (sheets)', await runCli('upgrade', old, '--out', file('sheets-upgraded.xlsx')));
    ran('upgrade --json (sheets)', await runCli('upgrade', old, '--out', file('sheets-upgraded-j.xlsx'), '--json'));
    ran('consolidate (sheets)', await runCli('consolidate', current, old, '--out', file('sheets-oversigt.xlsx'), '--json'));
    await xlsxParts('overview (sheets)', file('sheets-oversigt.xlsx'));
  }, 120_000);

  it('none of them shows the number', () => {
    expect(outputs.length).toBeGreaterThan(100);
    const shown = outputs.flatMap(([where, text]) => leaks(text).map((l) => `${where}: …${l}…`));
    expect(shown).toEqual([]);
  });
});
