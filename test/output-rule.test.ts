/**
 * Files are never lost (issue 21): no command writes to one of its inputs, and `--force` replaces
 * an existing file only when it is not an assessment with any input filled in, or, for summary,
 * fetch and upgrade, when it is an assessment of the input's own municipality. Every writing
 * command is run with --force over a filled assessment of another municipality (refused, exit 2,
 * the file byte-identical and named with its municipality), over the empty template (replaced)
 * and, for summary, fetch and upgrade, over the same municipality's assessment (replaced).
 */
import ExcelJS from 'exceljs';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ishoej2017 } from '../src/examples/ishoej';
import { PARAMETERS } from '../src/model/parameters';
import { TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment, type Assessment } from '../src/model/schema';
import { occupantOf, overviewTargetRefusal, replaceRefusal } from '../src/consolidate/occupant';
import { readOccupant } from '../src/consolidate/read';
import { describeWorkbook } from '../src/workbook/template';
import { readThroughPort } from '../src/workbook/reader';
import { XlsxWorkbook, writeXlsx } from '../src/xlsx/xlsx-workbook';
import { runCli as run } from './helpers/cli';
import { editPart, entriesOf } from './helpers/hostile';
import { sha256 } from './helpers/hash';

const ROOT = path.resolve(__dirname, '..');
const RESPONSES = path.join(ROOT, 'examples', 'statbank-konstrueret');
const V10 = path.join(__dirname, 'fixtures', 'v1.0', 'ishoej-demo-1.0.xlsx');

let dir: string;
let koege: Uint8Array;
let tom: Uint8Array;
let ishoej: Uint8Array;
let n = 0;

function assessment(kommune: string, ratings: number[]): Assessment {
  const a = structuredClone(ishoej2017().assessment);
  a.kommune.navn = kommune;
  a.kommune.hentetKode = null;
  PARAMETERS.forEach((p, i) => (a.vurderinger[p.id] = ratings[i] as Assessment['vurderinger'][string]));
  return a;
}

/** A fresh copy of `bytes` in its own folder, named `name`. */
function place(bytes: Uint8Array, name: string): string {
  const folder = path.join(dir, `case-${++n}`);
  mkdirSync(folder);
  const file = path.join(folder, name);
  writeFileSync(file, bytes);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-output-rule-'));
  koege = await writeXlsx(describeWorkbook(assessment('Køge', [4, 4, 3, 3, 4, 3, 3, 4, 4, 3])));
  ishoej = await writeXlsx(describeWorkbook(ishoej2017().assessment));
  const t = path.join(dir, 'tom.xlsx');
  expect((await run('template', '--out', t)).code).toBe(0);
  tom = readFileSync(t);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each writing command, with its input (an Ishøj assessment), writing to `out` with --force. */
const COMMANDS: Record<string, { same: boolean; args: (input: string, out: string) => string[]; input: () => Uint8Array | string }> = {
  template: { same: false, input: () => ishoej, args: (_i, out) => ['template', '--out', out, '--force'] },
  demo: { same: false, input: () => ishoej, args: (_i, out) => ['demo', '--out', out, '--force'] },
  summary: { same: true, input: () => ishoej, args: (i, out) => ['summary', i, '--out', out, '--force'] },
  fetch: { same: true, input: () => ishoej, args: (i, out) => ['fetch', i, '--kommune', 'Ishøj', '--year', '2017', '--responses', RESPONSES, '--out', out, '--force'] },
  upgrade: { same: true, input: () => V10, args: (i, out) => ['upgrade', i, '--out', out, '--force'] },
  consolidate: { same: false, input: () => ishoej, args: (i, out) => ['consolidate', i, '--out', out, '--force'] },
};

function inputFile(c: (typeof COMMANDS)[string]): string {
  const input = c.input();
  if (typeof input === 'string') {
    const copy = path.join(dir, `input-${++n}.xlsx`);
    copyFileSync(input, copy);
    return copy;
  }
  return place(input, 'ishoej.xlsx');
}

describe('--force over an existing file', () => {
  it.each(Object.keys(COMMANDS))('%s: refused over another municipality’s filled assessment, which stays byte-identical', async (name) => {
    const c = COMMANDS[name]!;
    const out = place(koege, 'koege.xlsx');
    const before = sha256(out);
    const r = await run(...c.args(inputFile(c), out));
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${out}: findes og er en udfyldt vurdering for Køge`);
    expect(r.err).toContain('heller ikke med --force');
    expect(sha256(out)).toBe(before);
  });

  it.each(Object.keys(COMMANDS))('%s: replaces the empty template', async (name) => {
    const c = COMMANDS[name]!;
    const out = place(tom, 'tom.xlsx');
    const before = statSync(out).ino;
    const r = await run(...c.args(inputFile(c), out));
    expect(r.err).not.toMatch(/findes og er/);
    expect([0, 1]).toContain(r.code);
    // Written anew (a new file renamed into its place).
    expect(statSync(out).ino).not.toBe(before);
  });

  it.each(Object.keys(COMMANDS).filter((k) => COMMANDS[k]!.same))('%s: replaces an assessment of the input’s own municipality', async (name) => {
    const c = COMMANDS[name]!;
    const out = place(ishoej, 'ishoej-tidligere.xlsx');
    const before = statSync(out).ino;
    const r = await run(...c.args(inputFile(c), out));
    expect(r.err).not.toMatch(/findes og er/);
    expect([0, 1]).toContain(r.code);
    // Written anew (a new file renamed into its place).
    expect(statSync(out).ino).not.toBe(before);
  });

  it.each(['template', 'demo', 'consolidate'])('%s: refuses the same municipality’s assessment too (its output is no assessment of an input)', async (name) => {
    const c = COMMANDS[name]!;
    const out = place(await writeXlsx(describeWorkbook(assessment('Ishøj', [1, 1, 2, 2, 1, 1, 2, 2, 1, 1]))), 'ishoej-tidligere.xlsx');
    const before = sha256(out);
    const r = await run(...c.args(inputFile(c), out));
    expect(r.code).toBe(2);
    expect(r.err).toContain('findes og er en udfyldt vurdering for Ishøj');
    expect(sha256(out)).toBe(before);
  });

  it('demo --force replaces an earlier demo (the README’s first command, run twice), but not the demo with one rating changed', async () => {
    const out = path.join(dir, `case-${++n}-demo.xlsx`);
    expect((await run('demo', '--out', out, '--force')).code).toBe(0);
    const again = await run('demo', '--out', out, '--force');
    expect(again.err).not.toMatch(/findes og er/);
    expect(again.code).toBe(0);
    const changed = structuredClone(ishoej2017().assessment);
    changed.vurderinger[PARAMETERS[0]!.id] = (changed.vurderinger[PARAMETERS[0]!.id] === 1 ? 2 : 1) as Assessment['vurderinger'][string];
    writeFileSync(out, await writeXlsx(describeWorkbook(changed)));
    const before = sha256(out);
    const r = await run('demo', '--out', out, '--force');
    expect(r.code).toBe(2);
    expect(r.err).toContain('findes og er en udfyldt vurdering for Ishøj');
    expect(sha256(out)).toBe(before);
  });

  it('summary --force over its own earlier output of a draft with no municipality (the same inputs) replaces it; over another draft, not', async () => {
    const draft = emptyAssessment(TEMPLATE_VERSION);
    draft.vurderinger[PARAMETERS[0]!.id] = 3 as Assessment['vurderinger'][string];
    const input = place(await writeXlsx(describeWorkbook(draft)), 'kladde.xlsx');
    const out = path.join(path.dirname(input), 'kladde-resume.xlsx');
    expect([0, 1]).toContain((await run('summary', input, '--force')).code);
    const again = await run('summary', input, '--force');
    expect(again.err).not.toMatch(/findes og er/);
    expect(statSync(out).isFile()).toBe(true);
    const other = structuredClone(draft);
    other.vurderinger[PARAMETERS[1]!.id] = 1 as Assessment['vurderinger'][string];
    writeFileSync(out, await writeXlsx(describeWorkbook(other)));
    const before = sha256(out);
    const r = await run('summary', input, '--force');
    expect(r.code).toBe(2);
    expect(r.err).toContain('findes og er en udfyldt vurdering uden valgt kommune');
    expect(sha256(out)).toBe(before);
  });

  it.each([
    // The empty template replaces no assessment but a file that is none.
    ['template', () => COMMANDS.template!.args('', ''), null, false],
    // The demo also replaces an earlier demo (the same inputs).
    ['demo', () => COMMANDS.demo!.args('', ''), null, true],
    // The input names no municipality: none is offered, but the command's own earlier output is.
    ['summary of a draft', null, null, true],
    ['fetch', () => COMMANDS.fetch!.args('', ''), 'Ishøj', false],
  ] as const)('%s: the refusal says what --force may replace, from what the output is', async (_name, argsOf, kommune, same) => {
    const out = place(koege, 'koege.xlsx');
    let args: string[];
    if (argsOf === null) {
      const draft = emptyAssessment(TEMPLATE_VERSION);
      draft.vurderinger[PARAMETERS[0]!.id] = 3 as Assessment['vurderinger'][string];
      args = ['summary', place(await writeXlsx(describeWorkbook(draft)), 'kladde.xlsx'), '--out', out, '--force'];
    } else {
      args = argsOf().map((a, i, all) => (all[i - 1] === '--out' ? out : a));
      if (args[0] === 'fetch') args[1] = inputFile(COMMANDS.fetch!);
    }
    const r = await run(...args);
    expect(r.code).toBe(2);
    const allowed = /--force erstatter kun (.*)\)\. Vælg/.exec(r.err.replace(/\n/g, ' '))?.[1];
    const expected = [
      'en fil, der ikke er en udfyldt vurdering',
      ...(kommune ? [`en vurdering for ${kommune} selv`] : []),
      ...(same ? ['en vurdering med præcis de samme indtastninger (fx kommandoens egen tidligere output)'] : []),
    ];
    expect(allowed).toBe(expected.length === 1 ? expected[0] : `${expected.slice(0, -1).join(', ')} eller ${expected[expected.length - 1]}`);
    expect(r.err).not.toContain('samme kommune som inputfilen');
  });

  it('summary --pdf: a filled assessment of another municipality in the PDF’s place is refused before any work', async () => {
    const input = place(ishoej, 'ishoej.xlsx');
    const pdf = path.join(path.dirname(input), 'resume.pdf');
    writeFileSync(pdf, koege);
    const before = sha256(pdf);
    const r = await run('summary', input, '--out', path.join(path.dirname(input), 'resume.xlsx'), '--pdf', pdf, '--force');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${pdf}: findes og er en udfyldt vurdering for Køge`);
    expect(sha256(pdf)).toBe(before);
    expect(readFileSync(pdf)).toEqual(Buffer.from(koege));
  });
});

describe('consolidate never writes to a file it reads', () => {
  async function folderOfFive(): Promise<string> {
    const saml = path.join(dir, `saml-${++n}`);
    mkdirSync(saml);
    writeFileSync(path.join(saml, 'ishoej.xlsx'), ishoej);
    writeFileSync(path.join(saml, 'koege.xlsx'), koege);
    writeFileSync(path.join(saml, 'roskilde.xlsx'), await writeXlsx(describeWorkbook(assessment('Roskilde', [2, 2, 2, 2, 2, 2, 2, 2, 2, 2]))));
    writeFileSync(path.join(saml, 'tom.xlsx'), tom);
    writeFileSync(path.join(saml, 'referat.xlsx'), 'Referat af mødet, ikke en projektmappe.');
    return saml;
  }

  it.each([
    ['koege.xlsx', 'en udfyldt vurdering for Køge'],
    ['tom.xlsx', 'en tom skabelon'],
    ['referat.xlsx', 'en fil, der ikke er en projektmappe'],
  ])('--out saml/%s --force, a file of the folder: refused (exit 2), byte-identical', async (name, what) => {
    const saml = await folderOfFive();
    const out = path.join(saml, name);
    const before = sha256(out);
    const r = await run('consolidate', saml, '--out', out, '--force');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${out}: ligger i mappen ${saml}, som samles, og er ${what}`);
    expect(sha256(out)).toBe(before);
  });

  it('an earlier overview in the folder is replaced on a re-run, and is not counted as an input', async () => {
    const saml = await folderOfFive();
    const out = path.join(saml, 'oversigt.xlsx');
    const first = await run('consolidate', saml, '--out', out);
    expect(first.err).toMatch(/af 5 filer\)/);
    const again = await run('consolidate', saml, '--out', out, '--force');
    expect(again.err).toMatch(/af 5 filer\)/);
    expect(again.err).not.toMatch(/ligger i mappen/);
    // Without --force it is an existing file as any other.
    expect((await run('consolidate', saml, '--out', out)).err).toContain('filen findes allerede');
  });
});

describe('the rule, in the core', () => {
  const occupant = async (bytes: Uint8Array) => readOccupant(bytes);

  it('reads an assessment, its municipality and whether any input is filled in; an overview; anything else', async () => {
    expect(await occupant(koege)).toMatchObject({ kind: 'assessment', kommune: 'Køge', filled: true });
    expect(await occupant(tom)).toMatchObject({ kind: 'assessment', kommune: null, filled: false });
    expect(await occupant(new TextEncoder().encode('ikke en projektmappe'))).toEqual({ kind: 'notWorkbook' });
    // A damaged workbook may be someone's assessment: never replaced.
    const damaged = await occupant(koege.subarray(0, koege.length >> 1));
    expect(damaged).toEqual({ kind: 'unreadable', problem: expect.stringMatching(/beskadiget/) });
    expect(replaceRefusal(damaged)).toMatch(/^findes, men kan ikke læses som projektmappe \(.*beskadiget.*\), så den kan være en udfyldt vurdering; den overskrives ikke/);
    const saml = path.join(dir, 'core-oversigt.xlsx');
    const input = place(koege, 'koege.xlsx');
    expect((await run('consolidate', input, '--out', saml)).code).toBeLessThan(2);
    expect(await occupant(readFileSync(saml))).toEqual({ kind: 'overview' });
  });

  it('a long Kommune_Navn ending in a CPR number is masked before it is cut, so no digit of it is shown', async () => {
    const named = `${'Kommunen ved den lange fjord og skoven '.slice(0, 31)} 0101901234`;
    const a = assessment('Køge', [4, 4, 3, 3, 4, 3, 3, 4, 4, 3]);
    a.kommune.navn = named;
    const o = await occupant(await writeXlsx(describeWorkbook(a)));
    expect(o).toMatchObject({ kind: 'assessment', filled: true });
    const kommune = (o as { kommune: string }).kommune;
    expect(kommune).toBe(`${named.slice(0, 31)} xxxxxx-xxxx`.slice(0, 40));
    expect(replaceRefusal(o)).not.toMatch(/\d{3}/);
  });

  it('one typed input (a rating) makes the empty template filled, with no municipality', async () => {
    const one = emptyAssessment(TEMPLATE_VERSION);
    one.vurderinger[PARAMETERS[0]!.id] = 3 as Assessment['vurderinger'][string];
    const o = await occupant(await writeXlsx(describeWorkbook(one)));
    expect(o).toMatchObject({ kind: 'assessment', kommune: null, filled: true });
    expect(replaceRefusal(o)).toMatch(/^findes og er en udfyldt vurdering uden valgt kommune;/);
    // Even an input without a municipality is no licence to replace another one's assessment.
    expect(replaceRefusal(o, { kommune: null })).toBeDefined();
    const koegeO = { kind: 'assessment' as const, kommune: 'Køge', filled: true, inputs: '{}' };
    expect(replaceRefusal(koegeO, { kommune: 'Køge' })).toBeUndefined();
    expect(replaceRefusal(koegeO, { kommune: 'koege' })).toBeDefined();
    expect(replaceRefusal({ kind: 'assessment', kommune: null, filled: false, inputs: '{}' })).toBeUndefined();
    // An output that writes exactly these inputs (a demo over an earlier demo) loses nothing; one rating more is someone's work.
    expect(replaceRefusal(o, { writes: one })).toBeUndefined();
    const other = structuredClone(one);
    other.vurderinger[PARAMETERS[1]!.id] = 2 as Assessment['vurderinger'][string];
    expect(replaceRefusal(o, { writes: other })).toBeDefined();
  });

  it('the same rule reads the open workbook through the port (the pane’s Saml)', async () => {
    const opened = await XlsxWorkbook.open(koege);
    if ('problem' in opened) throw new Error(opened.problem);
    const read = await readThroughPort(opened.workbook);
    const o = occupantOf(read.view, read.result);
    expect(o).toMatchObject({ kind: 'assessment', kommune: 'Køge', filled: true });
    expect(overviewTargetRefusal(o)).toMatch(/^Denne projektmappe er en udfyldt vurdering for Køge, så oversigten skrives ikke i den/);
    expect(overviewTargetRefusal({ kind: 'workbook' })).toBeUndefined();
    expect(overviewTargetRefusal({ kind: 'overview' })).toBeUndefined();
  });
});

describe('upgrade lists what the new workbook would not hold, and writes nothing (exit 1)', () => {
  const fixture = () => readFileSync(V10);
  const withWorkbookXml = async (edit: (xml: string) => string) => editPart(await entriesOf(fixture()), 'xl/workbook.xml', edit);
  async function withNotes(cells: [string, string][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fixture() as unknown as ArrayBuffer);
    for (const [sheet, cell] of cells) wb.getWorksheet(sheet)!.getCell(cell).note = 'Spørg borgmesteren';
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  const withNote = (sheet: string, cell: string) => withNotes([[sheet, cell]]);

  it.each([
    ['a workbook-level name of the user’s', () => withWorkbookXml((xml) => xml.replace('<definedNames>', '<definedNames><definedName name="Mine_Noter">Kommune!$E$3</definedName>')), /Navnet Mine_Noter \(i hele projektmappen\) hører ikke til skabelonen og ville gå tabt/],
    ['a constant name', () => withWorkbookXml((xml) => xml.replace('<definedNames>', '<definedNames><definedName name="Rente">0.05</definedName>')), /Navnet Rente \(i hele projektmappen\)/],
    ['two sheet-scoped names', () => withWorkbookXml((xml) => xml.replace('<definedNames>', '<definedNames><definedName name="Lokal" localSheetId="1">Kommune!$A$1</definedName><definedName name="Lokal" localSheetId="2">Indikatorer!$A$1</definedName>')), /navne, der kun gælder ét ark \(Lokal på arket \w+, Lokal på arket \w+\)/],
    ['a note on an empty cell of a template sheet', () => withNote('Kommune', 'E3'), /Arket Kommune har noter \(kommentarer\) i cellen E3, som ville gå tabt/],
    ['a protected structure', () => withWorkbookXml((xml) => xml.replace('<sheets>', '<workbookProtection lockStructure="1"/><sheets>')), /beskyttelse af projektmappens struktur/],
    ['notes on a template sheet', () => withNotes([['Kommune', 'B3'], ['Kommune', 'C3']]), /Arket Kommune har noter \(kommentarer\) i cellerne B3, C3, som ville gå tabt/],
  ])('%s', async (_name, make, message) => {
    const input = place(await make(), 'gammel.xlsx');
    const before = sha256(input);
    const out = path.join(path.dirname(input), 'ny.xlsx');
    const r = await run('upgrade', input, '--out', out);
    expect(r.code).toBe(1);
    expect(`${r.out}${r.err}`.replace(/\n/g, ' ')).toMatch(message);
    expect(existsSync(out)).toBe(false);
    expect(sha256(input)).toBe(before);
  });

  it('the 1.0 workbooks as released upgrade with nothing lost', async () => {
    for (const f of ['ishoej-demo-1.0.xlsx', 'ishoej-hentet-1.0.xlsx', 'parathedsvurdering-1.0.xlsx']) {
      const input = place(readFileSync(path.join(__dirname, 'fixtures', 'v1.0', f)), f);
      const r = await run('upgrade', input, '--json');
      expect(JSON.parse(r.out).written).not.toBeNull();
    }
  });
});

describe('Saml in the pane writes the overview only into a workbook that holds no assessment', () => {
  async function checks() {
    const { checkFile } = await import('../src/consolidate/check');
    return [await checkFile('koege.xlsx', koege), await checkFile('ishoej.xlsx', ishoej)];
  }
  const sheetsOf = async (wb: XlsxWorkbook) => (await wb.read({ sheets: true })).sheets.map((s) => s.name);

  it.each([
    ['Køge’s filled assessment', () => koege, /^Denne projektmappe er en udfyldt vurdering for Køge, så oversigten skrives ikke i den .*Åbn en ny, tom projektmappe/],
    ['the empty template', () => tom, /^Denne projektmappe er parathed-skabelonen, så oversigten skrives ikke i den/],
  ])('refused in %s, which is left as it was', async (_name, bytes, message) => {
    const { writeOverview } = await import('../src/consolidate/overview');
    const opened = await XlsxWorkbook.open(bytes());
    if ('problem' in opened) throw new Error(opened.problem);
    const before = await sheetsOf(opened.workbook);
    const written = await writeOverview(opened.workbook, await checks(), 'parathed test');
    expect(written).toEqual({ written: false, refused: expect.stringMatching(message) });
    expect(await sheetsOf(opened.workbook)).toEqual(before);
    expect(before).not.toContain('Oversigt');
  });

  it('written into a blank workbook', async () => {
    const { writeOverview } = await import('../src/consolidate/overview');
    const blank = XlsxWorkbook.create();
    const written = await writeOverview(blank, await checks(), 'parathed test');
    expect(written).toMatchObject({ written: true, rows: 2 });
    expect(await sheetsOf(blank)).toEqual(expect.arrayContaining(['Oversigt', 'Filer']));
  });
});
