/**
 * The selective reader (src/consolidate): it reads what the ExcelJS file adapter reads, for every
 * kind of workbook the tests make (the demo and the empty template, both released 1.0 files, a
 * development build, the demo with shared formulas as Excel stores them, and cells of
 * every type typed in through ExcelJS), with two differences on purpose: a cached 0 is 0 and a cached empty text "".
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readSelectively } from '../src/consolidate/read';
import { SelectiveWorkbook } from '../src/consolidate/selective-workbook';
import { translateFormula } from '../src/consolidate/sheet-xml';
import { XmlError, decodeXml, parseXml } from '../src/consolidate/xml';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { crc32 } from '../src/workbook/limits';
import { splitRef } from '../src/workbook/description';
import { ishoej2017 } from '../src/examples/ishoej';
import { TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { dataRequest } from '../src/workbook/data-reader';
import type { NamedCellRead } from '../src/workbook/port';
import { assessmentRequest } from '../src/workbook/reader';
import { describeWorkbook } from '../src/workbook/template';
import { combineRequests } from '../src/workbook/view';
import { readWorkbook } from '../src/xlsx/open';
import { XlsxWorkbook, writeXlsx } from '../src/xlsx/xlsx-workbook';
import { editPart, entriesOf } from './helpers/hostile';
import { withCells } from './helpers/named-cells';

const V10 = path.join(__dirname, 'fixtures', 'v1.0');
let dir: string;
let demo: Uint8Array;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-selective-'));
  demo = await writeXlsx(describeWorkbook(ishoej2017().assessment));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A read through the ExcelJS adapter, with the cached 0 it drops put back as 0 where the selective reader has it. */
async function bothReads(bytes: Uint8Array) {
  const request = combineRequests(assessmentRequest(), dataRequest());
  const opened = await XlsxWorkbook.open(bytes);
  const selective = SelectiveWorkbook.open(bytes, () => true);
  if ('problem' in opened || 'problem' in selective) throw new Error('did not open');
  const a = await opened.workbook.read(request);
  const b = await selective.workbook.read(request);
  return { exceljs: a, selective: b };
}

/** How many cells of a file's sheets are dependents of a shared formula. */
async function sharedFormulas(bytes: Uint8Array): Promise<number> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(bytes);
  let n = 0;
  for (const name of Object.keys(zip.files).filter((f) => /^xl\/worksheets\/[^/]+\.xml$/.test(f))) n += ((await zip.file(name)!.async('string')).match(/<f [^>]*t="shared"[^>]*\/>/g) ?? []).length;
  return n;
}

describe('reads what ExcelJS reads', () => {
  const cases: [string, () => Promise<Uint8Array>][] = [
    ['the demo', async () => demo],
    ['the empty template', async () => writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION)))],
    ['the released 1.0 demo', async () => readFileSync(path.join(V10, 'ishoej-demo-1.0.xlsx'))],
    ['the released 1.0 workbook with a pull', async () => readFileSync(path.join(V10, 'ishoej-hentet-1.0.xlsx'))],
    ['a development build', async () => readFileSync(path.join(V10, 'dev-build-0399a21.xlsx'))],
    ['cells of every type', async () =>
      withCells(demo, {
        Egen_Beredskab: 'I nogen grad',
        Egen_Indsatser: true,
        Egen_InterntSamarbejde: { error: '#N/A' } as ExcelJS.CellErrorValue,
        Egen_EksterntSamarbejde: { richText: [{ text: 'I høj ' }, { text: 'grad', font: { bold: true } }] },
        Egen_Kompetencer: { formula: '1+1', result: 2 } as ExcelJS.CellFormulaValue,
        Kommune_Indbyggere: new Date(Date.UTC(2017, 5, 30)),
        Vurdering_Dato: new Date(Date.UTC(2017, 5, 30)),
        Ambitioner: '=HYPERLINK("http://example.com","klik")',
        Ind_Fuldtidsledige_Periode: '  mellemrum  ',
        Ind_Trivsel_Kommune: 0,
      }, { dateFormat: 'dd-mm-yyyy' })],
  ];

  it.each(cases)('%s: the same validated assessment, problems and cells', async (_, make) => {
    const bytes = await make();
    const a = await readWorkbook(bytes);
    const b = await readSelectively(bytes);
    expect(b.problems).toEqual(a.problems);
    expect(b.version).toEqual(a.version);
    expect([...b.cells]).toEqual([...a.cells]);
    expect(b.assessment).toEqual(a.assessment);
    expect(b.partial).toEqual(a.partial);
    expect(b.score).toEqual(a.score);
  });

  it.each(cases)('%s: every cell of the read the same, but a cached 0 or empty text', async (_, make) => {
    const { exceljs, selective } = await bothReads(await make());
    expect(selective.sheets).toEqual(exceljs.sheets);
    expect(selective.names).toEqual(exceljs.names);
    // A named result cell differs only where its cached result is 0 or empty text.
    const asExcelJs = (c: NamedCellRead) => (c.cell?.type === 'formula' && (c.cell.value === 0 || c.cell.value === '') ? { ...c, cell: { ...c.cell, value: null } } : c);
    expect([...selective.cells].map(([n, c]) => [n, asExcelJs(c)])).toEqual([...exceljs.cells].map(([n, c]) => [n, asExcelJs(c)]));
    selective.ranges.forEach((r, i) => {
      const other = exceljs.ranges[i]!;
      expect({ ...r, rows: [] }).toEqual({ ...other, rows: [] });
      r.rows.forEach((line, y) =>
        line.forEach((cell, x) => {
          const theirs = other.rows[y]![x]!;
          if (cell.type === 'formula' && (cell.value === 0 || cell.value === '') && theirs.value === null) {
            expect({ ...cell, value: null }).toEqual(theirs);
          } else expect({ at: `${r.sheet} ${y},${x}`, cell }).toEqual({ at: `${r.sheet} ${y},${x}`, cell: theirs });
        }),
      );
    });
  });

  it('a workbook with shared formulas (as Excel saves a column filled down): the same cells, problems and score', async () => {
    // The Score sheet's labels D4:D13 made one shared formula, as Excel stores a filled-down column.
    const bytes = await editPart(await entriesOf(demo), 'xl/worksheets/sheet6.xml', (xml) =>
      xml.replace(/<c r="D(\d+)"([^>]*)><f>(IF\(ISNUMBER\(C\d+\)[^<]*)<\/f>/g, (_, row: string, attrs: string, f: string) =>
        row === '4' ? `<c r="D4"${attrs}><f t="shared" ref="D4:D13" si="0">${f}</f>` : Number(row) <= 13 ? `<c r="D${row}"${attrs}><f t="shared" si="0"/>` : _,
      ),
    );
    expect(await sharedFormulas(bytes)).toBe(9);
    const a = await readWorkbook(bytes);
    const b = await readSelectively(bytes);
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual(a.problems);
    expect(b.assessment).toEqual(a.assessment);
    const { exceljs, selective } = await bothReads(bytes);
    const score = (r: typeof selective) => r.ranges.find((x) => x.sheet === 'Score')!.rows.map((line) => line.map((c) => c.formula ?? null));
    expect(score(selective)).toEqual(score(exceljs));
  });

  it('reads a cached 0 as 0, where ExcelJS reads no result', async () => {
    const bytes = await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION)));
    const { exceljs, selective } = await bothReads(bytes);
    const zero = (r: typeof selective) => r.ranges.flatMap((x) => x.rows.flat()).filter((c) => c.type === 'formula' && c.value === 0).length;
    expect(zero(selective)).toBeGreaterThan(0);
    expect(zero(exceljs)).toBe(0);
  });
});

describe('shared formulas', () => {
  it.each([
    ['C5+D$5+$E5+$F$6', 2, 1, 'D7+E$5+$E7+$F$6'],
    ['IF(ISNUMBER(C5),INDEX(Skala_Etiketter,C5),"C5")', 3, 0, 'IF(ISNUMBER(C8),INDEX(Skala_Etiketter,C8),"C5")'],
    ['SUM(Kommune!B2:B4)+Prioritet_1_Tema', 1, 0, 'SUM(Kommune!B3:B5)+Prioritet_1_Tema'],
    ['LOG10(A1)', 1, 1, 'LOG10(B2)'],
  ])('%s moved %i rows and %i columns is %s', (formula, rows, cols, moved) => {
    expect(translateFormula(formula, rows, cols)).toBe(moved);
  });
});

describe('refuses what it cannot read, as the file adapter does', () => {
  it.each<[string, Uint8Array, RegExp]>([
    ['text', new TextEncoder().encode('Kommune;Score'), /ikke en Excel-projektmappe/],
    ['half a workbook', new Uint8Array(0), /ikke en Excel-projektmappe/],
  ])('%s', (_, bytes, message) => {
    const opened = SelectiveWorkbook.open(bytes);
    expect('problem' in opened && opened.problem).toMatch(message);
  });

  it('refuses to write', async () => {
    const opened = SelectiveWorkbook.open(demo);
    if ('problem' in opened) throw new Error(opened.problem);
    await expect(opened.workbook.write()).rejects.toThrow(/does not write/);
  });
});

describe('a read that says which cells it needs', () => {
  /** A sheet with a merge (A1:B2, its text in A1), a name inside it (B2) and one outside (C5). */
  async function merged(): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ark');
    ws.getCell('A1').value = 'Fletningens tekst';
    ws.mergeCells('A1:B2');
    ws.getCell('C5').value = 7;
    ws.getCell('D9').value = 'ikke bedt om';
    wb.definedNames.add('Ark!$B$2', 'Inde');
    wb.definedNames.add('Ark!$C$5', 'Ude');
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('keeps the cells it asks for, and a merged cell reads as the first cell of its merge', async () => {
    const only = { cells: ['Inde', 'Ude'], ranges: [{ sheet: 'Ark', range: 'C4:C6' }] };
    const opened = SelectiveWorkbook.open(await merged(), () => false, 'check', only);
    if ('problem' in opened) throw new Error(opened.problem);
    const read = await opened.workbook.read(only);
    expect(read.cells.get('Inde')?.cell).toEqual({ type: 'string', value: 'Fletningens tekst' });
    expect(read.cells.get('Ude')?.cell).toEqual({ type: 'number', value: 7 });
    expect(read.ranges[0]!.rows.map((r) => r[0]!.value)).toEqual([null, 7, null]);
  });

  it("reads a merged cell as its merge's first cell whether or not the merges are found before the pass", async () => {
    const only = { cells: ['Inde', 'Ude'] };
    for (const spell of ['<mergeCell ', '<mergeCell\n', '<!-- <mergeCell ref="C5:D6"/> --><mergeCell\t']) {
      const plain = await merged();
      const bytes = spell === '<mergeCell ' ? plain : await editPart(await entriesOf(plain), 'xl/worksheets/sheet1.xml', (xml) => xml.replace('<mergeCell ', spell));
      const opened = SelectiveWorkbook.open(bytes, () => false, 'check', only);
      if ('problem' in opened) throw new Error(opened.problem);
      const read = await opened.workbook.read(only);
      expect(read.cells.get('Inde')?.cell).toEqual({ type: 'string', value: 'Fletningens tekst' });
      expect(read.cells.get('Ude')?.cell).toEqual({ type: 'number', value: 7 });
    }
  });

  it('refuses a later read of a cell it did not keep, instead of reading it as empty', async () => {
    const opened = SelectiveWorkbook.open(await merged(), () => false, 'check', { cells: ['Ude'] });
    if ('problem' in opened) throw new Error(opened.problem);
    await expect(opened.workbook.read({ ranges: [{ sheet: 'Ark', range: 'D9' }] })).rejects.toThrow(/not kept/);
  });
});

describe('the XML tokenizer refuses what is not well-formed', () => {
  const tokens = (xml: string) => {
    const seen: string[] = [];
    parseXml(xml, { open: (t) => seen.push(`<${t.name}${Object.entries(t.attributes).map(([k, v]) => ` ${k}=${v}`).join('')}>`), close: (n) => seen.push(`</${n}>`), text: (t) => seen.push(t) });
    return seen;
  };

  it('reads tags, attributes, text, entities, CDATA and character references', () => {
    expect(tokens(`<?xml version="1.0"?><!-- c --><a x="1 &amp; 2" y='&lt;'><b/>t&#233;&#x41;<![CDATA[<ikke>]]></a>`)).toEqual(['<a x=1 & 2 y=<>', '<b>', '</b>', 'téA', '<ikke>', '</a>']);
  });

  it.each([
    ['a DOCTYPE (an entity expansion)', '<!DOCTYPE a [<!ENTITY x "xx">]><a>&x;</a>'],
    ['an unknown entity', '<a>&x;</a>'],
    ['a bare &', '<a>1 & 2</a>'],
    ['tags that do not nest', '<a><b></a></b>'],
    ['an unterminated tag', '<a><b'],
    ['a tag name that is no name', '<a><b<c></b<c></a>'],
    ['a second root', '<a/><b/>'],
    ['an unterminated document', '<a><b></b>'],
    ['text outside the root', 'x<a/>'],
  ])('%s', (_, xml) => {
    expect(() => tokens(xml)).toThrow(XmlError);
  });

  it('a malformed attribute, when it is read', () => {
    expect(() => tokens('<a x=1/>')).toThrow(XmlError);
  });

  it('one attribute read alone is the one all of them give, and checks all of them', () => {
    const one = (xml: string, name: string) => {
      let value: string | undefined = 'unread';
      parseXml(xml, { open: (t) => (value = t.attribute(name)), close: () => undefined });
      return value;
    };
    expect(one(`<c r="B2" s = '3' t="s"/>`, 's')).toBe('3');
    expect(one(`<c r="B2" rr="x" t="&amp;s"/>`, 'r')).toBe('B2');
    expect(one(`<c rr="x" t="&amp;s"/>`, 't')).toBe('&s');
    expect(one(`<c rr="x"/>`, 'r')).toBeUndefined();
    for (const bad of [`<c r="B2" s=3/>`, `<c r="B2"s="3"/>`, `<c r="B2" 1s="3"/>`, `<c r="B2" s/>`, `<c r="B2 s="3/>`]) expect(() => one(bad, 'r')).toThrow(XmlError);
  });

  it('decodes references one after another, and refuses any & that is no reference', () => {
    expect(decodeXml('a&amp;b&amp;')).toBe('a&b&');
    expect(decodeXml('x&lt;y&gt;z &#233;&#x41;&#x1F600;')).toBe('x<y>z éA😀');
    for (const bad of ['&', '&;', '& ;', '&amp', '&&amp;', '&abcdefghijk;', '&#1\u00a0;', '&foo;']) expect(() => decodeXml(bad)).toThrow(XmlError);
  });

  it('a close tag must name the open one, spaces before its > allowed', () => {
    expect(tokens('<a><bc></bc ></a>')).toEqual(['<a>', '<bc>', '</bc>', '</a>']);
    for (const bad of ['<a><bc></b></a>', '<a><b></bc></a>', '<a><b></b x></a>']) expect(() => tokens(bad)).toThrow(XmlError);
  });
});

describe('the zip checks and cell addresses', () => {
  it('CRC-32 as zlib computes it, at every length and split', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff);
    for (const length of [0, 1, 7, 8, 9, 15, 16, 17, 999, 1000]) {
      const part = bytes.subarray(0, length);
      expect(crc32(0, part)).toBe(zlibCrc32(part));
      const half = length >> 1;
      expect(crc32(crc32(0, part.subarray(0, half)), part.subarray(half))).toBe(zlibCrc32(part));
    }
    // Read a word at a time from the first aligned byte: every start within a word, every tail.
    for (const start of [1, 2, 3, 5]) {
      for (const length of [63, 64, 65, 66, 67, 68, 71, 72, 500]) {
        const part = bytes.subarray(start, start + length);
        expect(crc32(0, part)).toBe(zlibCrc32(part));
      }
    }
  });

  it('splitRef reads capital letters then digits, and nothing else', () => {
    expect(splitRef('A1')).toEqual({ col: 1, row: 1 });
    expect(splitRef('XFD1048576')).toEqual({ col: 16_384, row: 1_048_576 });
    expect(splitRef('AA010')).toEqual({ col: 27, row: 10 });
    for (const bad of ['', 'A', '1', 'a1', 'A1B', 'A-1', '$A$1', 'A1 ']) expect(() => splitRef(bad)).toThrow(/Not a cell address/);
  });
});
