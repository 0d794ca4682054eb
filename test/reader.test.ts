/**
 * readWorkbook: a filled workbook in, a validated assessment or a list of problems out. Every
 * broken workbook here is the Ishøj demo (or the empty template) with a few named cells changed
 * through ExcelJS, so each test says exactly which cell is wrong and checks that the problem
 * points at that sheet and cell, in Danish.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { ishoej2017 } from '../src/examples/ishoej';
import { TEMPLATE_VERSION, TEMPLATE_VERSION_NAME } from '../src/model/indicators';
import { PARAMETERS } from '../src/model/parameters';
import { emptyAssessment } from '../src/model/schema';
import { scoreJson } from '../src/scoring/score';
import { inputFields } from '../src/workbook/fields';
import type { Problem, ReadResult } from '../src/workbook/reader';
import { readWorkbook } from '../src/xlsx/open';
import { describeWorkbook } from '../src/workbook/template';
import { SHEETS } from '../src/workbook/layout';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { withCells } from './helpers/named-cells';

type Location = { sheet: string; cell: string };

let demo: Buffer;
let empty: Buffer;
/** Where each defined name points in the unmodified template: what problems must name. */
const where = new Map<string, Location>();

beforeAll(async () => {
  demo = Buffer.from(await writeXlsx(describeWorkbook(ishoej2017().assessment)));
  empty = Buffer.from(await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
  const wb = await load(demo);
  for (const name of [TEMPLATE_VERSION_NAME, ...inputFields().map((f) => f.name)]) where.set(name, locate(wb, name));
});

async function load(buf: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function locate(wb: ExcelJS.Workbook, name: string): Location {
  const ranges = wb.definedNames.getRanges(name).ranges;
  expect(ranges).toHaveLength(1);
  const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ranges[0]!);
  if (!m) throw new Error(`Unexpected range for ${name}: ${ranges[0]}`);
  return { sheet: m[1]!, cell: `${m[2]}${m[3]}` };
}

function at(name: string): Location {
  const loc = where.get(name);
  if (!loc) throw new Error(`The template has no defined name ${name}`);
  return loc;
}

/** The workbook `base` changed by `change`, as .xlsx bytes. */
async function modified(base: Buffer, change: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = await load(base);
  change(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readWith(values: Record<string, ExcelJS.CellValue>, base: Buffer = demo): Promise<ReadResult> {
  return readWorkbook(await withCells(base, values));
}

/** Danish, not a library's English default ("Invalid input: expected number"). */
function expectDanish(message: string): void {
  expect(message.trim().length).toBeGreaterThan(10);
  expect(message).toMatch(/[æøåÆØÅ]|\b(ikke|skal|mangler|kan|vælg|skriv|er|et|en|af)\b/);
  expect(message).not.toMatch(/\b(the|invalid|expected|received|must|should|cannot|missing)\b/i);
}

/** Exactly one problem, at the named cell on `sheet`; no assessment. */
function expectOneProblemAt(result: ReadResult, name: string, sheet: string): Problem {
  expect(result.assessment).toBeUndefined();
  expect(result.problems).toHaveLength(1);
  const p = result.problems[0]!;
  expect(p).toMatchObject({ sheet, cell: at(name).cell, name });
  expect(at(name).sheet).toBe(sheet);
  expectDanish(p.message);
  return p;
}

const ISHOEJ_RATINGS = [2, 4, 3, 4, 4, 3, 4, 3, 2, 1];

describe('readWorkbook: valid workbooks', () => {
  it('reads the Ishøj demo with no problems, the ten ratings and a total of 3', async () => {
    const r = await readWorkbook(demo);
    expect(r.problems).toEqual([]);
    expect(r.assessment).toBeDefined();
    expect(PARAMETERS.map((p) => r.assessment!.vurderinger[p.id])).toEqual(ISHOEJ_RATINGS);
    expect(r.assessment!.kommune.navn).toBe('Ishøj');
    expect(r.score).toBeDefined();
    expect(r.score!.samlet).toBe(3);
    expect(scoreJson(r.score!)).toEqual({ antal: 10, samlet: 3, foreloebig: 3, egen: 3.4, vurdering: 2.6, niveau: 'I nogen grad' });
  });

  it('reads back the assessment it was written from', async () => {
    const r = await readWorkbook(demo);
    expect(r.assessment).toEqual(ishoej2017().assessment);
  });

  it('reads the empty template with no problems and nothing rated', async () => {
    const r = await readWorkbook(empty);
    expect(r.problems).toEqual([]);
    expect(r.assessment).toEqual(emptyAssessment(TEMPLATE_VERSION));
    expect(r.score).toBeDefined();
    expect(r.score!.antal).toBe(0);
    expect(scoreJson(r.score!)).toEqual({ antal: 0, samlet: null, foreloebig: null, egen: null, vurdering: null, niveau: null });
  });
});

describe('readWorkbook: ratings', () => {
  it.each<[string, ExcelJS.CellValue]>([
    ['5', 5],
    ['2.5', 2.5],
    ['"høj"', 'høj'],
    ['0', 0],
    ['TRUE', true],
  ])('refuses a rating of %s at the rating cell', async (_, value) => {
    const r = await readWith({ Egen_Beredskab: value });
    expectOneProblemAt(r, 'Egen_Beredskab', SHEETS.selvevaluering);
  });

  it('refuses a bad assessor rating on the Vurdering sheet', async () => {
    const r = await readWith({ Vurd_Ledelsesinformation: 7 });
    const p = expectOneProblemAt(r, 'Vurd_Ledelsesinformation', SHEETS.vurdering);
    expect(p.message).toContain('7');
  });

  it('names a non-whole rating with a decimal comma', async () => {
    const r = await readWith({ Egen_Beredskab: 2.5 });
    expect(r.problems[0]!.message).toContain('2,5');
  });

  it('reports every bad rating, not just the first', async () => {
    const r = await readWith({ Egen_Beredskab: 5, Vurd_Strategi: 'høj' });
    expect(r.assessment).toBeUndefined();
    expect(r.problems.map((p) => p.name).sort()).toEqual(['Egen_Beredskab', 'Vurd_Strategi']);
  });

  it.each(['I nogen grad', '  i nogen grad ', 'I NOGEN GRAD'])('accepts the label %p as 3', async (label) => {
    const r = await readWith({ Egen_Beredskab: label });
    expect(r.problems).toEqual([]);
    expect(r.assessment!.vurderinger.Beredskab).toBe(3);
    // Beredskab was 2: the total is now (30 - 2 + 3) / 10.
    expect(r.score!.samlet).toBe(3.1);
  });

  it('still gives the score of the cells as they stand when a rating is bad', async () => {
    const r = await readWith({ Egen_Beredskab: 5 });
    expect(r.score).toBeDefined();
    expect(scoreJson(r.score!)).toMatchObject({ antal: 9, samlet: null });
  });

  it('accepts a blank rating: the assessment is simply not complete', async () => {
    const r = await readWith({ Egen_Beredskab: null });
    expect(r.problems).toEqual([]);
    expect(r.assessment!.vurderinger.Beredskab).toBeNull();
    // (30 - 2) / 9 = 3.11
    expect(scoreJson(r.score!)).toMatchObject({ antal: 9, samlet: null, foreloebig: 3.1 });
  });
});

describe('readWorkbook: ratings the sheet shows as "Ugyldig"', () => {
  it.each<[ExcelJS.CellValue, RegExp]>([
    ['  ', /mellemrum eller tom tekst/],
    ['3', /Tallet 3 er gemt som tekst/],
  ])('%p gets a problem that says what is wrong', async (value, message) => {
    const r = await readWith({ Egen_Beredskab: value });
    expect(r.problems).toEqual([expect.objectContaining({ name: 'Egen_Beredskab', message: expect.stringMatching(message) })]);
  });
});

describe('readWorkbook: counts and figures', () => {
  it('refuses text in a count', async () => {
    const r = await readWith({ Omfang_Bekymringshenvendelser: 'mange' });
    const p = expectOneProblemAt(r, 'Omfang_Bekymringshenvendelser', SHEETS.kommune);
    expect(p.message).toContain('mange');
  });

  it('refuses a negative population', async () => {
    const r = await readWith({ Kommune_Indbyggere: -5 });
    expectOneProblemAt(r, 'Kommune_Indbyggere', SHEETS.kommune);
  });

  it('refuses a population that is not a whole number', async () => {
    const r = await readWith({ Kommune_Indbyggere: 21000.5 });
    expectOneProblemAt(r, 'Kommune_Indbyggere', SHEETS.kommune);
  });

  it('refuses a share numerator without a denominator', async () => {
    const r = await readWith({ Ind_Grundskole_Kommune_Taeller: 10 });
    expect(r.assessment).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    // Either half of the pair may be named; both sit on the Indikatorer sheet.
    expect(['Ind_Grundskole_Kommune_Taeller', 'Ind_Grundskole_Kommune_Naevner']).toContain(p.name);
    expect(p).toMatchObject({ sheet: SHEETS.indikatorer, cell: at(p.name!).cell });
    expectDanish(p.message);
  });

  it('accepts a share given as numerator and denominator', async () => {
    const r = await readWith({ Ind_Grundskole_Kommune_Taeller: 10, Ind_Grundskole_Kommune_Naevner: 100 });
    expect(r.problems).toEqual([]);
    expect(r.assessment!.indikatorer.Grundskole!.Kommune).toMatchObject({ taeller: 10, naevner: 100 });
  });

  it('refuses a numerator larger than its denominator', async () => {
    const r = await readWith({ Ind_Grundskole_Kommune_Taeller: 200, Ind_Grundskole_Kommune_Naevner: 100 });
    expectOneProblemAt(r, 'Ind_Grundskole_Kommune_Taeller', SHEETS.indikatorer);
  });

  it('refuses a share typed as 7.1 instead of 7,1 %', async () => {
    const r = await readWith({ Ind_Fuldtidsledige_Kommune: 7.1 });
    expectOneProblemAt(r, 'Ind_Fuldtidsledige_Kommune', SHEETS.indikatorer);
  });
});

describe('readWorkbook: the municipality', () => {
  it('refuses an unknown municipality', async () => {
    const r = await readWith({ Kommune_Navn: 'Atlantis' });
    expectOneProblemAt(r, 'Kommune_Navn', SHEETS.kommune);
  });

  it('accepts a name in lower case and gives it as the list spells it', async () => {
    const r = await readWith({ Kommune_Navn: 'ishøj' });
    expect(r.problems).toEqual([]);
    expect(r.assessment!.kommune.navn).toBe('Ishøj');
  });

  // The workbook's own lookup (MATCH(TRIM(navn))) shows "Ukendt kommune" for these: the reader
  // must agree, or give the canonical name; never the text as typed.
  it.each(['183', '0183', 'Ishøj Kommune'])('does not take %p as the municipality\'s name unchanged', async (typed) => {
    const r = await readWith({ Kommune_Navn: typed });
    if (r.problems.length === 0) {
      expect(r.assessment!.kommune.navn).toBe('Ishøj');
    } else {
      expectOneProblemAt(r, 'Kommune_Navn', SHEETS.kommune);
    }
  });
});

describe('readWorkbook: CPR numbers in free text', () => {
  it.each<[string, string]>([
    ['Ambitioner', 'Borger 010203-1234 bekymrer os'],
    ['Ambitioner', '0102031234'],
    ['Selv_Ledelse_Forankring', 'Borger 010203-1234 bekymrer os'],
    ['Selv_Ledelse_Forankring', '0102031234'],
    ['Vurd_Strategi_Begrundelse', 'Sagen om 311299 1234 viser det'],
    ['Prioritet_1_Forbedringer', 'Følg op på 010203-1234'],
  ])('refuses a CPR-shaped number in %s without repeating it', async (name, text) => {
    const r = await readWith({ [name]: text });
    const p = expectOneProblemAt(r, name, at(name).sheet);
    expect(p.message).toMatch(/CPR/);
    for (const digits of text.match(/\d+/g)!) expect(p.message).not.toContain(digits);
    expect(JSON.stringify(r.problems)).not.toMatch(/\d{4,}/);
  });

  it.each([
    'Vi havde 12 henvendelser i 2023',
    'Budget 1.250.000 kr. i 2024-2027',
    'Telefon 43 57 70 00', // eight digits: not a CPR number
    '320199-1234 er ikke en dato', // day 32
  ])('accepts ordinary numbers in text: %p', async (text) => {
    const r = await readWith({ Ambitioner: text, Selv_Ledelse_Forankring: text });
    expect(r.problems).toEqual([]);
    expect(r.assessment!.ambitioner).toBe(text);
  });

  // A CPR number typed into a number or rating cell is a problem too, and its message (shown on
  // the terminal and in logs) must not repeat it either.
  it.each<[string, ExcelJS.CellValue, string]>([
    ['Omfang_Bekymringshenvendelser', '010203-1234', '010203'],
    ['Ind_Fuldtidsledige_Kommune', '010203-1234', '010203'],
    ['Egen_Beredskab', '010203-1234', '010203'],
    ['Egen_Beredskab', 1102031234, '1102031234'],
  ])('does not repeat a CPR number typed into the number cell %s (%p)', async (name, value, digits) => {
    const r = await readWith({ [name]: value });
    expectOneProblemAt(r, name, at(name).sheet);
    expect(JSON.stringify(r.problems)).not.toContain(digits);
  });

  // The short text fields (an indicator's period and source) are typed by the user too.
  it.each<[string, string]>([
    ['Ind_Fuldtidsledige_Kilde', 'Oplyst af 010203-1234'],
    ['Ind_Fuldtidsledige_Periode', '010203-1234'],
  ])('refuses a CPR-shaped number in the short text %s', async (name, text) => {
    const r = await readWith({ [name]: text });
    const p = expectOneProblemAt(r, name, SHEETS.indikatorer);
    expect(p.message).not.toContain('010203');
  });

  it('refuses a CPR number that Excel stored as a number in a text cell', async () => {
    // Typing 1102031234 in a cell gives the number 1102031234, not text.
    const r = await readWith({ Ambitioner: 1102031234 });
    const p = expectOneProblemAt(r, 'Ambitioner', SHEETS.selvevaluering);
    expect(p.message).not.toContain('1102031234');
  });
});

describe('readWorkbook: cells that hold something else than a value', () => {
  it('refuses a formula in a rating cell', async () => {
    const r = await readWith({ Egen_Beredskab: { formula: '1+2', result: 3 } as ExcelJS.CellFormulaValue });
    const p = expectOneProblemAt(r, 'Egen_Beredskab', SHEETS.selvevaluering);
    expect(p.message).toMatch(/formel/);
  });

  it('refuses a formula in a text cell', async () => {
    const r = await readWith({ Ambitioner: { formula: '"a"&"b"' } as ExcelJS.CellFormulaValue });
    expectOneProblemAt(r, 'Ambitioner', SHEETS.selvevaluering);
  });

  it('refuses a date in a count', async () => {
    // Typing 1/1/2023 in Excel stores the date serial and gives the cell a date format.
    const buf = await modified(demo, (wb) => {
      const loc = locate(wb, 'Omfang_Bekymringshenvendelser');
      const cell = wb.getWorksheet(loc.sheet)!.getCell(loc.cell);
      cell.value = new Date(Date.UTC(2023, 0, 1));
      // A copy: ExcelJS shares one style object between the cells that had the same style.
      cell.style = { ...cell.style, numFmt: 'dd-mm-yyyy' };
    });
    const r = await readWorkbook(buf);
    expectOneProblemAt(r, 'Omfang_Bekymringshenvendelser', SHEETS.kommune);
  });

  it('refuses an error value in a rating cell', async () => {
    const r = await readWith({ Vurd_Strategi: { error: '#N/A' } as ExcelJS.CellErrorValue });
    expectOneProblemAt(r, 'Vurd_Strategi', SHEETS.vurdering);
  });

  it('reads rich text as its plain text', async () => {
    const r = await readWith({ Ambitioner: { richText: [{ text: 'Mere ' }, { text: 'samarbejde', font: { bold: true } }] } });
    expect(r.problems).toEqual([]);
    expect(r.assessment!.ambitioner).toBe('Mere samarbejde');
  });
});

describe('readWorkbook: the workbook structure', () => {
  it('reports a missing sheet once, by its name, not each of its cells', async () => {
    const buf = await modified(demo, (wb) => wb.removeWorksheet(wb.getWorksheet(SHEETS.vurdering)!.id));
    const r = await readWorkbook(buf);
    expect(r.assessment).toBeUndefined();
    expect(r.score).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ sheet: SHEETS.vurdering, message: `Arket "${SHEETS.vurdering}" mangler i projektmappen.` });
  });

  it('reports a result formula that was changed or deleted', async () => {
    let samlet: Location | undefined;
    const buf = await modified(demo, (wb) => {
      samlet = locate(wb, 'Score_Samlet');
      wb.getWorksheet(samlet.sheet)!.getCell(samlet.cell).value = 4;
    });
    const r = await readWorkbook(buf);
    expect(r.assessment).toBeUndefined();
    expect(r.problems).toEqual([expect.objectContaining({ sheet: SHEETS.score, cell: samlet!.cell, message: expect.stringMatching(/Formlen er ændret/) })]);
  });

  it('reports a missing defined name, saying where it belongs', async () => {
    const buf = await modified(demo, (wb) => {
      const loc = locate(wb, 'Vurd_Strategi');
      wb.definedNames.remove(`'${loc.sheet}'!$${loc.cell.replace(/(\d+)/, '$$$1')}`, 'Vurd_Strategi');
      expect(wb.definedNames.getRanges('Vurd_Strategi').ranges).toEqual([]);
    });
    const r = await readWorkbook(buf);
    const p = expectOneProblemAt(r, 'Vurd_Strategi', SHEETS.vurdering);
    expect(p.message).toContain('Vurd_Strategi');
    expect(r.score).toBeUndefined();
  });

  it('refuses an unknown template version with one problem', async () => {
    const r = await readWith({ Template_Version: '9.9' });
    expect(r.assessment).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p).toMatchObject({ sheet: SHEETS.vejledning, cell: at('Template_Version').cell, name: 'Template_Version' });
    expect(p.message).toContain('9.9');
    expect(p.message).toContain(TEMPLATE_VERSION);
    expect(p.message).toMatch(/version/i);
    expectDanish(p.message);
  });

  it('refuses a workbook without a template version', async () => {
    const r = await readWith({ Template_Version: null });
    expect(r.assessment).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/version/i);
  });

  it('refuses a workbook not made from the template', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Ark1').getCell('A1').value = 3;
    const r = await readWorkbook(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.assessment).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toContain('Template_Version');
    expectDanish(r.problems[0]!.message);
  });
});

describe('readWorkbook: files that are not workbooks', () => {
  async function expectNotAWorkbook(data: Uint8Array): Promise<void> {
    const r = await readWorkbook(data);
    expect(r.assessment).toBeUndefined();
    expect(r.score).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.message).toMatch(/xlsx/);
    expectDanish(r.problems[0]!.message);
  }

  it('reports a text file', async () => {
    await expectNotAWorkbook(Buffer.from('hello'));
  });

  it('reports an empty file', async () => {
    await expectNotAWorkbook(Buffer.alloc(0));
  });

  it('reports a zip that is not a workbook', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'not a workbook');
    const buf = await zip.generateAsync({ type: 'nodebuffer' });
    const r = await readWorkbook(buf);
    expect(r.assessment).toBeUndefined();
    expect(r.problems).toHaveLength(1);
    expectDanish(r.problems[0]!.message);
  });

  it('reports a truncated workbook', async () => {
    await expectNotAWorkbook(demo.subarray(0, Math.floor(demo.length / 2)));
  });
});
