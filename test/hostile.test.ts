/**
 * The hostile corpus (issue 10): damaged, tampered and hostile inputs, generated here, each run
 * through the CLI in-process with its expected exit code and message. For every case: no
 * "Uventet fejl", no stack trace, the input's bytes unchanged, and no output left on a refusal.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, type Run } from './helpers/cli';
import { recalculate } from './helpers/libreoffice';
import { bombZip, compoundFile, editPart, entriesOf, entry, writeZip, type RawEntry } from './helpers/hostile';
import { withCells } from './helpers/named-cells';
import { sha256 } from './helpers/hash';
import { currentLayout } from '../src/workbook/versions';
import { LIMITS, inspectZip, sniff } from '../src/workbook/limits';
import { SUMMARY_SHEET, WITHHELD } from '../src/summary/summary';

let dir: string;
let demo: Buffer;
let base: RawEntry[];
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-hostile-'));
  expect((await runCli('demo', '--out', file('demo.xlsx'))).code).toBe(0);
  demo = readFileSync(file('demo.xlsx'));
  base = await entriesOf(demo);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const part = (name: string) => base.find((e) => e.name === name)!;
const workbookXml = (edit: (xml: string) => string) => editPart(base, 'xl/workbook.xml', edit);
/** Adds a part (and nothing else): what a rewrite would drop. */
const withPart = async (name: string, content: string) => writeZip([...base, entry(name, content)]);
/** Adds an extension to the summary sheet's extLst (or a new extLst). */
const withSheetExt = (uri: string, inner: string) =>
  editPart(base, 'xl/worksheets/sheet1.xml', (xml) => {
    const ext = `<ext uri="${uri}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">${inner}</ext>`;
    // The worksheet's own extLst is its last element (a cfRule may hold one of its own).
    return xml.includes('</extLst></worksheet>') ? xml.replace('</extLst></worksheet>', `${ext}</extLst></worksheet>`) : xml.replace('</worksheet>', `<extLst>${ext}</extLst></worksheet>`);
  });

/**
 * A note on a cell its sheet's data does not hold, as Excel saves a note on an empty cell (ExcelJS
 * writes no element for an empty cell without a style either; one it wrote is taken out). `add`:
 * on a new sheet of that name.
 */
async function withNoteOnEmptyCell(sheet: string, cell: string, add = false): Promise<Buffer> {
  const zip = await JSZip.loadAsync(
    await withCells(demo, {}, { edit: (wb) => {
      (add ? wb.addWorksheet(sheet) : wb.getWorksheet(sheet)!).getCell(cell).note = 'Spørg borgmesteren';
    } }),
  );
  let noted = 0;
  for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
    const xml = await zip.file(name)!.async('string');
    // The noted sheet: the only one with notes (a legacy drawing).
    if (!xml.includes('<legacyDrawing')) continue;
    noted++;
    zip.file(name, xml.replace(new RegExp(`<c r="${cell}"(?: [^>]*)?(?:/>|>.*?</c>)`), ''));
  }
  expect(noted).toBe(1);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const DAMAGED = /beskadiget/;
const NOT_XLSX = /ikke en Excel-projektmappe \(\.xlsx\)/;

type Kind = 'file' | 'path';
interface Case {
  name: string;
  /** The input's bytes, or a path made by the case (a device, a folder, a pipe). */
  make: () => Promise<Buffer | { path: string; kind: Kind }>;
  code: number;
  message: RegExp;
  /** The commands to run it through (validate and summary unless told). */
  commands?: ('validate' | 'score' | 'summary')[];
}

const refused = (name: string, make: Case['make'], message: RegExp, commands?: Case['commands']): Case => ({ name, make, code: 1, message, ...(commands ? { commands } : {}) });

const CASES: Case[] = [
  // Not a workbook, or not a file at all.
  refused('an empty file', async () => Buffer.alloc(0), NOT_XLSX),
  refused('a text file', async () => Buffer.from('Kommune;Score\nIshøj;3\n'), NOT_XLSX),
  refused('/dev/zero', async () => ({ path: '/dev/zero', kind: 'path' }), /\/dev\/zero: er ikke en almindelig fil/),
  refused('a folder', async () => {
    mkdirSync(file('a-folder.xlsx'), { recursive: true });
    return { path: file('a-folder.xlsx'), kind: 'path' };
  }, /er en mappe, ikke en fil/),
  refused('a named pipe', async () => {
    const p = file('pipe.xlsx');
    if (!existsSync(p)) execFileSync('mkfifo', [p]);
    return { path: p, kind: 'path' };
  }, /er ikke en almindelig fil/),
  refused('a file over the size limit (sparse)', async () => {
    const p = file('huge.xlsx');
    writeFileSync(p, demo);
    truncateSync(p, LIMITS.fileBytes + 1);
    return { path: p, kind: 'file' };
  }, /for stor/),
  // Other formats.
  refused('a password-protected workbook (OLE2 with EncryptedPackage)', async () => compoundFile(['EncryptionInfo', 'EncryptedPackage']), /beskyttet med en adgangskode.*Fjern adgangskoden/),
  refused('an old .xls (OLE2 with a Workbook stream)', async () => compoundFile(['Workbook', '\u0005SummaryInformation']), /gammel Excel-projektmappe \(\.xls\).*Excel-projektmappe \(\*\.xlsx\)/),
  refused('another compound file (a .doc)', async () => compoundFile(['WordDocument']), NOT_XLSX),
  refused('an .ods', async () => writeZip([{ ...entry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'), method: 0, body: Buffer.from('application/vnd.oasis.opendocument.spreadsheet') }, entry('content.xml', '<office:document-content/>')]), /OpenDocument-regneark \(\.ods\).*xlsx/),
  refused('a zip without a workbook (a .docx)', async () => writeZip([entry('[Content_Types].xml', '<Types/>'), entry('word/document.xml', '<w:document/>')]), NOT_XLSX),
  // Truncations and damage.
  refused('a workbook truncated to half', async () => demo.subarray(0, demo.length >> 1), DAMAGED),
  refused('a workbook truncated to 100 bytes', async () => demo.subarray(0, 100), DAMAGED),
  refused('a workbook without its last byte', async () => demo.subarray(0, demo.length - 1), DAMAGED),
  refused('a directory size one byte off', async () => writeZip(base.map((e) => (e.name === 'xl/worksheets/sheet5.xml' ? { ...e, size: e.size + 1 } : e))), DAMAGED),
  refused('a CRC that does not match', async () => writeZip(base.map((e) => (e.name === 'xl/workbook.xml' ? { ...e, crc: (e.crc ^ 1) >>> 0 } : e))), DAMAGED),
  refused('bytes damaged inside a compressed sheet', async () => {
    const sheet = part('xl/worksheets/sheet5.xml');
    const body = Buffer.from(sheet.body);
    for (let i = body.length >> 2; i < (body.length >> 2) + 16; i++) body[i] = body[i]! ^ 0x5a;
    return writeZip(base.map((e) => (e === sheet ? { ...e, body } : e)));
  }, DAMAGED),
  refused('a missing xl/sharedStrings.xml', async () => writeZip(base.filter((e) => e.name !== 'xl/sharedStrings.xml')), DAMAGED),
  refused('a missing sheet part', async () => writeZip(base.filter((e) => e.name !== 'xl/worksheets/sheet5.xml')), DAMAGED),
  refused('a shared string index past the table', async () => editPart(base, 'xl/worksheets/sheet2.xml', (xml) => xml.replace(/(<c [^>]*t="s"[^>]*><v>)\d+(<\/v>)/, '$1999999$2')), DAMAGED),
  refused('malformed XML in workbook.xml', async () => workbookXml((xml) => xml.replace('<sheets>', '<sheets><sheet')), DAMAGED),
  refused('an entity expansion (billion laughs) in the shared strings', async () =>
    editPart(base, 'xl/sharedStrings.xml', (xml) => {
      const ents = ['<!ENTITY a0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i};`.repeat(10)}">`)].join('');
      return xml.replace(/<sst\b/, `<!DOCTYPE sst [${ents}]><sst`).replace(/<t>[^<]*<\/t>/, '<t>&a9;</t>');
    }), DAMAGED),
  refused('a zip entry marked encrypted', async () => writeZip(base.map((e) => (e.name === 'xl/styles.xml' ? { ...e, flags: 1 } : e))), /adgangskode/),
  refused('more entries than any workbook has', async () => writeZip([...base, ...Array.from({ length: LIMITS.entries }, (_, i) => ({ ...entry(`x/${i}`, ''), method: 0 as const, body: new Uint8Array(0) }))]), /pakker sig ud/),
  // Expansion: the directory lies or tells the truth; either way refused within the limit.
  refused('a 1 GB expansion whose directory says 1 KB', async () => bombZip(base, 1024, 1000), /pakker sig ud/),
  refused('a 1 GB expansion whose directory says so', async () => bombZip(base, 1024, 1024 * 1024 * 1024), /pakker sig ud/),
  refused('a 300 MB expansion whose directory says 1 KB', async () => bombZip(base, 300, 1000), /pakker sig ud/),
  // What ExcelJS would create cell by cell.
  refused('a merge range of a million rows', async () => editPart(base, 'xl/worksheets/sheet2.xml', (xml) => xml.replace(/<mergeCells count="(\d+)">/, (_, n: string) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="A2000:Z1000000"/>`)), /Arket "Vejledning" har en fletning eller datavalidering.*A2000:Z1000000/),
  refused('a data validation over whole columns', async () => editPart(base, 'xl/worksheets/sheet5.xml', (xml) => xml.replace(/<dataValidations count="(\d+)">/, (_, n: string) => `<dataValidations count="${Number(n) + 1}"><dataValidation type="whole" sqref="AA1:AZ1048576"><formula1>1</formula1></dataValidation>`)), /Arket "Selvevaluering" har en fletning eller datavalidering/),
  refused('a cell at XFD1048576 (a used range of 17 billion cells)', async () => editPart(base, 'xl/worksheets/sheet2.xml', (xml) => xml.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')), /Arket "Vejledning" bruger celler helt ud til XFD1048576/),
  refused('more cells than any assessment has', async () =>
    editPart(base, 'xl/worksheets/sheet2.xml', (xml) => {
      const rows: string[] = [];
      for (let r = 2000; r < 2000 + 8_100; r++) rows.push(`<row r="${r}">${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((c) => `<c r="${c}${r}"><v>1</v></c>`).join('')}</row>`);
      return xml.replace('</sheetData>', `${rows.join('')}</sheetData>`);
    }), /over 200\.000 udfyldte celler/),
  refused('300,000 empty rows', async () => editPart(base, 'xl/worksheets/sheet2.xml', (xml) => xml.replace('</sheetData>', `${Array.from({ length: 300_000 }, (_, i) => `<row r="${i + 100}"/>`).join('')}</sheetData>`)), /over 200\.000 udfyldte celler/),
  // Names that point elsewhere.
  refused('an input name moved to another sheet', async () => workbookXml((xml) => xml.replace('<definedName name="Egen_Beredskab">Selvevaluering!$C$31<', '<definedName name="Egen_Beredskab">Vejledning!$C$31<')), /Selvevaluering!C31 \(Egen_Beredskab\).*peger på Vejledning!C31, men hører til i Selvevaluering!C31/, ['validate', 'score', 'summary']),
  refused('an input name pointing past the grid (ZZZ31)', async () => workbookXml((xml) => xml.replace('<definedName name="Egen_Beredskab">Selvevaluering!$C$31<', '<definedName name="Egen_Beredskab">Selvevaluering!$ZZZ$31<')), /Selvevaluering!C31 \(Egen_Beredskab\).*mangler eller peger ikke på én celle/, ['validate', 'score', 'summary']),
  refused('an input name pointing at row 0', async () => workbookXml((xml) => xml.replace('<definedName name="Egen_Beredskab">Selvevaluering!$C$31<', '<definedName name="Egen_Beredskab">Selvevaluering!$C$0<')), /Selvevaluering!C31 \(Egen_Beredskab\).*mangler eller peger ikke på én celle/, ['validate', 'score', 'summary']),
  refused('two ratings sharing one cell', async () => workbookXml((xml) => xml.replace(/<definedName name="Egen_Indsatser">[^<]*</, '<definedName name="Egen_Indsatser">Selvevaluering!$C$31<')), /Egen_Indsatser.*peger på samme celle \(Selvevaluering!C31\) som Egen_Beredskab, men hører til i Selvevaluering!C\d+/, ['validate', 'score', 'summary']),
  // (A rewrite refuses it as a sheet-scoped name it would lose: see LOST.)
  refused('a sheet-scoped name hiding the workbook-level one', async () => workbookXml((xml) => xml.replace('<definedName name="Egen_Beredskab">', '<definedName name="Egen_Beredskab" localSheetId="4">Selvevaluering!$D$31</definedName><definedName name="Egen_Beredskab">')), /Selvevaluering!C31 \(Egen_Beredskab\).*Arket "Selvevaluering" har sit eget navn Egen_Beredskab.*skjuler/, ['validate', 'score']),
  { name: 'a dimension claiming the whole grid (read as it is)', make: async () => editPart(base, 'xl/worksheets/sheet2.xml', (xml) => xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')), code: 0, message: /ingen problemer fundet/, commands: ['validate'] },
  // Tampering and bad input (the classes the older tests cover, here as generated files).
  refused('a tampered formula', async () => {
    const [where] = Object.keys(currentLayout().formulas).filter((w) => w.startsWith('Score!'));
    const [sheet, cell] = where!.split('!') as [string, string];
    return withCells(demo, {}, { edit: (wb) => {
      wb.getWorksheet(sheet)!.getCell(cell).value = 4;
    } });
  }, /Formlen er ændret eller slettet/, ['validate', 'score', 'summary']),
  refused('a rating of 5', async () => withCells(demo, { Egen_Beredskab: 5 }), /Selvevaluering!C31 \(Egen_Beredskab\).*uden for skalaen/, ['validate', 'score']),
  refused('a rating typed as text', async () => withCells(demo, { Egen_Beredskab: 'tre' }), /Egen_Beredskab.*ikke en vurdering/, ['validate', 'score']),
  ...(['010203-1234', '0102031234', '010203 1234', 1102031234, 102031234, '1.02031234E+08'] as const).map((cpr) =>
    refused(`a CPR number ${JSON.stringify(cpr)} in a text`, async () => withCells(demo, { Ambitioner: cpr }), /Ambitioner.*CPR-nummer/, ['validate', 'score']),
  ),
];

/** Rewrites that would drop what the user made: refused, naming it. */
const LOST: [string, () => Promise<Buffer>, RegExp][] = [
  ['a Power Query connection', () => withPart('xl/connections.xml', '<connections/>'), /Power Query- og dataforbindelser/],
  ['custom XML', () => withPart('customXml/item1.xml', '<DataMashup/>'), /brugerdefineret XML/],
  ['a chart drawing', () => withPart('xl/drawings/drawing1.xml', '<xdr:wsDr xmlns:xdr="x"><xdr:twoCellAnchor><xdr:graphicFrame/></xdr:twoCellAnchor></xdr:wsDr>'), /figurer og tegninger/],
  ['custom document properties (a sensitivity label)', () => withPart('docProps/custom.xml', '<Properties><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="MSIP_Label_Enabled"><vt:lpwstr>true</vt:lpwstr></property></Properties>'), /brugerdefinerede dokumentegenskaber/],
  ['an unknown part', () => withPart('xl/something/else.bin', 'x'), /delen xl\/something\/else\.bin/],
  ['sparklines in a sheet\'s extLst', () => withSheetExt('{05C60535-1F16-4fd2-B633-F4F36F0B64E0}', '<x14:sparklineGroups/>'), /minidiagrammer \(sparklines\)/],
  ['x14 data validations in a sheet\'s extLst', () => withSheetExt('{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}', '<x14:dataValidations/>'), /datavalidering \(Excel 2010-udvidelse\)/],
  ['an x14 conditional format ExcelJS does not keep', () => withSheetExt('{78C0D931-6437-407d-A8EE-F0AAD7539E65}', '<x14:conditionalFormattings><x14:conditionalFormatting><x14:cfRule type="expression"/></x14:conditionalFormatting></x14:conditionalFormattings>'), /betingede formater \(Excel 2010-udvidelse\)/],
  ['protected ranges in a sheet', () => editPart(base, 'xl/worksheets/sheet5.xml', (xml) => xml.replace('<mergeCells', '<protectedRanges><protectedRange sqref="A1" name="x"/></protectedRanges><mergeCells')), /beskyttede områder/],
  // ExcelJS merges sheet-scoped names into one workbook name, and writes no workbook protection.
  // Each with its own advice: protection is removed, not moved; names are fixed in Navnestyring.
  ['two sheet-scoped names "Lokal"', () => workbookXml((xml) => xml.replace('<definedNames>', '<definedNames><definedName name="Lokal" localSheetId="1">Vejledning!$A$1</definedName><definedName name="Lokal" localSheetId="4">Selvevaluering!$A$1</definedName>')), /navne, der kun gælder ét ark \(Lokal på arket Vejledning, Lokal på arket Selvevaluering\), som ville gå tabt, når parathed skriver en ny fil\. Slet navnene, der kun gælder ét ark, eller opret dem igen som navne for hele projektmappen \(Formler > Navnestyring\), og kør kommandoen igen\.$/],
  ['a protected structure (Excel)', () => workbookXml((xml) => xml.replace('<sheets>', '<workbookProtection workbookAlgorithmName="SHA-512" lockStructure="1"/><sheets>')), /indeholder beskyttelse af projektmappens struktur, som ville gå tabt, når parathed skriver en ny fil\. Fjern beskyttelsen af projektmappens struktur \(Gennemse > Beskyt projektmappe\), og kør kommandoen igen\.$/],
  ['a protected structure (LibreOffice)', () => workbookXml((xml) => xml.replace('<sheets>', '<workbookProtection lockStructure="true" lockWindows="false"/><sheets>')), /indeholder beskyttelse af projektmappens struktur, som.*Fjern beskyttelsen af projektmappens struktur \(/],
  // Window protection alone is not called the structure's.
  ['protected windows', () => workbookXml((xml) => xml.replace('<sheets>', '<workbookProtection lockWindows="1"/><sheets>')), /indeholder beskyttelse af projektmappens vinduer, som.*Fjern beskyttelsen af projektmappens vinduer \(Gennemse > Beskyt projektmappe\)/],
  ['a protected structure and windows, and a connection', () => workbookXml((xml) => xml.replace('<sheets>', '<workbookProtection lockStructure="1" lockWindows="1"/><sheets>')).then((b) => entriesOf(b)).then((e) => writeZip([...e, entry('xl/connections.xml', '<connections/>')])), /Flyt Power Query- og dataforbindelser til en anden projektmappe, eller kør kommandoen på en kopi uden dem\. Fjern beskyttelsen af projektmappens struktur og vinduer \(Gennemse > Beskyt projektmappe\)/],
  // ExcelJS reads a note only onto a cell the sheet's data holds (the sheet's name masked when CPR-shaped).
  ['a note on an empty cell', () => withNoteOnEmptyCell('Vejledning', 'H40'), /indeholder noter i tomme celler \(Vejledning!H40\), som ville gå tabt, når parathed skriver en ny fil\. Flyt noterne i tomme celler til celler med indhold, eller slet dem, og kør kommandoen igen\.$/],
  ['a note on an empty cell of a sheet named with a CPR number', () => withNoteOnEmptyCell('0101901234', 'B2', true), /noter i tomme celler \(xxxxxx-xxxx!B2\)/],
];

/** What a rewrite carries: LibreOffice's empty workbook protection, the print titles' sheet-scoped names. */
const KEPT: [string, () => Promise<Buffer>][] = [
  ['an empty workbookProtection (LibreOffice writes one)', () => workbookXml((xml) => xml.replace('<sheets>', '<workbookProtection/><sheets>'))],
  ['an autofilter\'s sheet-scoped _FilterDatabase', () => workbookXml((xml) => xml.replace('<definedNames>', '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="7" hidden="1">Data!$A$5:$B$6</definedName>'))],
];

function expectClean(r: Run): void {
  const all = `${r.out}\n${r.err}`;
  expect(all).not.toMatch(/Uventet fejl/);
  expect(all).not.toMatch(/^\s+at /m);
  expect(all).not.toMatch(/Error:|TypeError|RangeError/);
}

/** Runs one command on an input and checks what every hostile run must hold. */
async function runOn(command: 'validate' | 'score' | 'summary', input: string, kind: Kind): Promise<Run> {
  const before = kind === 'file' ? sha256(input) : undefined;
  const out = file(`out-${path.basename(input)}-${command}.xlsx`);
  const listing = readdirSync(dir).sort();
  const r = command === 'summary' ? await runCli('summary', input, '--out', out) : await runCli(command, input);
  expectClean(r);
  if (before) expect(sha256(input)).toBe(before);
  if (r.code !== 0) {
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(listing);
  }
  return r;
}

describe('the hostile corpus', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const made = await c.make();
    const input = Buffer.isBuffer(made) ? file(`${name.replace(/\W+/g, '-')}.xlsx`) : made.path;
    if (Buffer.isBuffer(made)) writeFileSync(input, made);
    const kind: Kind = Buffer.isBuffer(made) ? 'file' : made.kind;
    for (const command of c.commands ?? ['validate', 'summary']) {
      const started = Date.now();
      const r = await runOn(command, input, kind);
      expect({ command, code: r.code }).toEqual({ command, code: c.code });
      expect(`${r.out} ${r.err}`.replace(/\n/g, ' ')).toMatch(c.message);
      expect(Date.now() - started).toBeLessThan(20_000);
    }
  });

  it.each(LOST)('a rewrite refuses a workbook with %s, naming what would be lost (validate reads it)', async (name, make, what) => {
    const input = file(`lost-${name.replace(/\W+/g, '-')}.xlsx`);
    writeFileSync(input, await make());
    const r = await runOn('summary', input, 'file');
    expect(r.code).toBe(1);
    expect(`${r.out} ${r.err}`.trim()).toMatch(what);
    expect(r.err).toMatch(/gå tabt/);
    if (!/structure/.test(name)) expect(r.err).not.toMatch(/projektmappens struktur/);
    const v = await runOn('validate', input, 'file');
    expect(v.code).toBe(0);
  });

  it('fetch refuses a note on an empty cell too, naming it', async () => {
    const input = file('note-on-empty-cell-fetch.xlsx');
    writeFileSync(input, await withNoteOnEmptyCell('Vejledning', 'H40'));
    const before = sha256(input);
    const out = file('note-on-empty-cell-fetched.xlsx');
    const responses = path.resolve(__dirname, '..', 'examples', 'statbank-konstrueret');
    const r = await runCli('fetch', input, '--kommune', 'Ishøj', '--year', '2017', '--responses', responses, '--out', out);
    expectClean(r);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/noter i tomme celler \(Vejledning!H40\), som ville gå tabt/);
    expect(existsSync(out)).toBe(false);
    expect(sha256(input)).toBe(before);
  });

  it('a rewrite carries a note on a filled cell (summary keeps it), and names no CPR number in a refusal', async () => {
    const input = file('note-on-filled-cell.xlsx');
    writeFileSync(input, await withCells(demo, {}, { edit: (wb) => {
      wb.getWorksheet('Vejledning')!.getCell('B1').note = 'Spørg borgmesteren';
    } }));
    const r = await runOn('summary', input, 'file');
    expect(r.err).not.toMatch(/gå tabt/);
    expect(r.code).toBe(0);
    const out = new ExcelJS.Workbook();
    await out.xlsx.load(readFileSync(file(`out-${path.basename(input)}-summary.xlsx`)) as unknown as ArrayBuffer);
    const b1 = out.getWorksheet('Vejledning')!.getCell('B1');
    expect(b1.value).toBeTruthy();
    expect(b1.note).toBe('Spørg borgmesteren');
    const cpr = file('note-cpr.xlsx');
    writeFileSync(cpr, await withNoteOnEmptyCell('0101901234', 'B2', true));
    expect((await runOn('summary', cpr, 'file')).err).not.toMatch(/0101901234/);
  });

  it.each(KEPT)('a rewrite takes a workbook with %s', async (name, make) => {
    const input = file(`kept-${name.replace(/\W+/g, '-')}.xlsx`);
    writeFileSync(input, await make());
    const r = await runOn('summary', input, 'file');
    expect(r.err).not.toMatch(/gå tabt/);
    expect(r.code).toBe(0);
  });
});

describe('the hostile corpus in the place of an output (--force)', () => {
  // Each case's file is what `template --out FILE --force` meets: replaced only when it is of no
  // workbook format at all (empty, text); anything that is or may be a workbook the reader cannot
  // open (damaged, encrypted, over the limits) or that holds a filled-in assessment (every edit of
  // the demo that opens), and every path that is no regular file, is refused, exit 2, as it was.
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (name, c) => {
    const made = await c.make();
    const target = Buffer.isBuffer(made) ? file(`as-out-${name.replace(/\W+/g, '-')}.xlsx`) : made.path;
    if (Buffer.isBuffer(made)) writeFileSync(target, made);
    const before = Buffer.isBuffer(made) ? sha256(target) : undefined;
    const r = await runCli('template', '--out', target, '--force');
    expectClean(r);
    const replaceable = Buffer.isBuffer(made) && sniff(made) === 'other';
    expect({ name, code: r.code }).toEqual({ name, code: replaceable ? 0 : 2 });
    if (!replaceable && before) expect(sha256(target)).toBe(before);
  });

  it('a filled-in assessment with any of the cases\' readable problems (a rating of 5) is refused, byte-identical', async () => {
    const target = file('as-out-rating-5.xlsx');
    writeFileSync(target, await withCells(demo, { Egen_Beredskab: 5 }));
    const before = sha256(target);
    const r = await runCli('template', '--out', target, '--force');
    expectClean(r);
    expect(r.code).toBe(2);
    expect(r.err).toContain('findes og er en udfyldt vurdering for Ishøj');
    expect(sha256(target)).toBe(before);
  });
});

describe('real files of other formats, as LibreOffice writes them', () => {
  it.each([
    ['xls', /gammel Excel-projektmappe \(\.xls\)/],
    ['ods', /OpenDocument-regneark \(\.ods\)/],
  ] as const)('a real .%s is told to be saved as .xlsx', async (format, message) => {
    const [converted] = (await recalculate([file('demo.xlsx')], format)) as [string];
    const r = await runOn('validate', converted, 'file');
    expect(r.code).toBe(1);
    expect(r.out + r.err).toMatch(message);
    expect(r.out + r.err).toMatch(/Excel-projektmappe \(\*\.xlsx\)/);
  }, 120_000);
});

describe('the expansion limits, measured', () => {
  it.each([
    ['1 GB, directory lying', 1024, 1000],
    ['1 GB, directory honest', 1024, 1024 * 1024 * 1024],
    ['300 MB, directory lying', 300, 1000],
  ] as const)('%s: refused within seconds, using a few hundred MB at most', async (_, mib, claimed) => {
    const zip = bombZip(base, mib, claimed);
    global.gc?.();
    const before = process.memoryUsage();
    const started = process.hrtime.bigint();
    let peak = 0;
    const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const verdict = inspectZip(zip);
    clearInterval(sample);
    peak = Math.max(peak, process.memoryUsage().rss);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect('kind' in verdict && verdict.kind).toBe('expands');
    expect(ms).toBeLessThan(10_000);
    // The inflate runs synchronously: rss after is what it held (within the limit's slice).
    const grew = (Math.max(peak, process.memoryUsage().rss) - before.rss) / (1024 * 1024);
    expect(grew).toBeLessThan(300);
    process.stdout.write(`expansion ${_}: ${zip.length} bytes refused in ${ms.toFixed(0)} ms, rss +${grew.toFixed(0)} MB\n`);
  });
});

describe('CPR numbers and formula injection on the summary', () => {
  const CPR = { Ind_Fuldtidsledige_Periode: '010203-1234', Ind_Fuldtidsledige_Kilde: 'Oplyst af 0102031234', Kommune_Indbyggere_Periode: '010203 1234', Ambitioner: 'Borger 010203-1234' };

  it('shows a CPR-shaped text as left out, never the number, not even through a formula', async () => {
    const input = file('cpr.xlsx');
    writeFileSync(input, await withCells(demo, CPR));
    const out = file('cpr-resume.xlsx');
    const before = sha256(input);
    const r = await runCli('summary', input, '--out', out);
    expectClean(r);
    expect(sha256(input)).toBe(before);
    // Written, with the problems listed (exit 1), none of them repeating the number.
    expect(r.code).toBe(1);
    expect(`${r.out}${r.err}`).not.toMatch(/010203|0102031234/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet(SUMMARY_SHEET)!;
    const texts: string[] = [];
    const formulas: string[] = [];
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as ExcelJS.CellValue;
        if (v && typeof v === 'object' && 'formula' in v) formulas.push(String(v.formula));
        texts.push(JSON.stringify(v));
      }),
    );
    expect(texts.join(' ')).not.toMatch(/010203|0102031234/);
    for (const name of Object.keys(CPR)) expect(formulas.join(' ')).not.toContain(name);
    expect(texts.filter((t) => t.includes(WITHHELD)).length).toBeGreaterThanOrEqual(4);
    expect(texts.join(' ')).not.toMatch(/Ambitioner[^"]*"\(ikke udfyldt\)/);
  });

  it.each(['=HYPERLINK("http://example.com","klik")', '+1+1', '-2+3', '@SUM(1)', '=cmd|\' /C calc\'!A0'])('copies %p as text wherever workbook text is copied', async (text) => {
    const input = file('inject.xlsx');
    const values = { Ambitioner: text, Ind_Fuldtidsledige_Periode: text.slice(0, 40), Kommune_Indbyggere_Periode: text.slice(0, 40) };
    writeFileSync(input, await withCells(demo, values));
    const out = file('inject-resume.xlsx');
    rmSync(out, { force: true });
    const r = await runCli('summary', input, '--out', out);
    expectClean(r);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    const formulas: string[] = [];
    const texts: string[] = [];
    wb.worksheets.forEach((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as ExcelJS.CellValue;
          if (v && typeof v === 'object' && 'formula' in v) formulas.push(String(v.formula));
          if (typeof v === 'string') texts.push(v);
        }),
      ),
    );
    // The text is somewhere as text, and no formula holds what was typed.
    expect(texts.some((t) => t.includes(text))).toBe(true);
    expect(formulas.filter((f) => f.includes('HYPERLINK') || f.includes('cmd|') || f === text.replace(/^[=+@]/, ''))).toEqual([]);
  });
});
