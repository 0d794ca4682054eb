/**
 * The selective reader's quick paths, against what the slow ones read: attributes checked on
 * every tag, references checked wherever they are, a cell's address, type and row read in place,
 * and the cells a range list covers.
 */
import { cellsIn, parseWorkbookXml, patternCellsIn } from '../src/consolidate/package';
import { cellKey, mergeHints, parseSheetXml } from '../src/consolidate/sheet-xml';
import { XmlError, decodeXml, parseXml } from '../src/consolidate/xml';
import { parseReference, splitRef } from '../src/workbook/description';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const sheet = (rows: string, prefix = '') => {
  const p = prefix ? `${prefix}:` : '';
  return `<?xml version="1.0"?><${p}worksheet xmlns${prefix ? `:${prefix}` : ''}="${MAIN}"><${p}sheetData>${rows}</${p}sheetData></${p}worksheet>`;
};
const nothing = { open: () => undefined, close: () => undefined };

describe('the tokenizer checks every tag and every reference, read or not', () => {
  it.each([
    ['an unquoted value', '<a><b x=1/></a>'],
    ['attributes run together', '<a><b x="1"y="2"/></a>'],
    ['an attribute without a value', '<a><b x/></a>'],
    ['an attribute name that is no name', '<a><b 1x="1"/></a>'],
    ['an unterminated value', '<a><b x="1/></a>'],
    ['an unterminated tag', '<a><b x="1"'],
    ['a slash inside a tag', '<a><b / x="1"></b></a>'],
    ['an unknown entity in an attribute', '<a><b x="&foo;"/></a>'],
    ['a bare & in an attribute', '<a><b x="1 & 2"/></a>'],
    ['a bare & in text', '<a>1 & 2</a>'],
    ['a bare & in the last text', '<a><b/>&amp; &</a>'],
  ])('refuses %s even when no handler reads it', (_, xml) => {
    expect(() => parseXml(xml, nothing)).toThrow(XmlError);
  });

  it('reads spaces around = and before > or />, and > inside a value', () => {
    const seen: string[] = [];
    parseXml(`<a  x = "1>2"  y='&amp;' ><b z="3" /></a >`, {
      open: (t, selfClosing) => seen.push(`${t.name} ${JSON.stringify(t.attributes)} ${selfClosing}`),
      close: (n) => seen.push(`/${n}`),
    });
    expect(seen).toEqual(['a {"x":"1>2","y":"&"} false', 'b {"z":"3"} true', '/b', '/a']);
  });

  it('gives each prefixed name its local name, however often names recur', () => {
    const names: string[] = [];
    const tags = Array.from({ length: 300 }, (_, i) => `<x:t${i % 40} y:a="1"/><t${i % 40}/>`).join('');
    parseXml(`<x:r xmlns:x="u">${tags}</x:r>`, { open: (t) => names.push(`${t.name}=${t.local}`), close: () => undefined });
    expect(names.length).toBe(601);
    expect(names.slice(0, 5)).toEqual(['x:r=r', 'x:t0=t0', 't0=t0', 'x:t1=t1', 't1=t1']);
    expect(names.every((n) => n.split('=')[0]!.replace(/^x:/, '') === n.split('=')[1])).toBe(true);
  });

  it('decodes the five entities and character references one after another', () => {
    expect(decodeXml('a&amp;&lt;b&gt;&quot;&apos;&#65;&#x42;c')).toBe(`a&<b>"'ABc`);
    for (const bad of ['&ampx', '&amp', '&ampamp;', '&AMP;', '&am;p;']) expect(() => decodeXml(bad)).toThrow(XmlError);
  });
});

describe('a sheet read in place', () => {
  const all = (xml: string) => parseSheetXml(xml, true);

  it('reads a cell address, type and style with references or a prefix as without', () => {
    const plain = all(sheet('<row r="2"><c r="B2" t="s" s="3"><v>0</v></c><c r="C2" t="str"><v>x</v></c></row>'));
    const encoded = all(sheet('<row r="&#50;"><c r="&#66;2" t="&#115;" s="&#51;"><v>0</v></c><c r="C&#50;" t="str"><v>x</v></c></row>'));
    const prefixed = all(sheet('<x:row r="2"><x:c r="B2" t="s" s="3"><x:v>0</x:v></x:c><x:c r="C2" t="str"><x:v>x</x:v></x:c></x:row>', 'x'));
    for (const read of [plain, encoded, prefixed]) {
      expect(read.stored.get(cellKey(2, 2))).toEqual({ t: 's', s: 3, v: '0', f: undefined, si: undefined, is: undefined });
      expect(read.stored.get(cellKey(3, 2))?.v).toBe('x');
      expect([read.maxCol, read.maxRow, read.cells, read.maxString]).toEqual([3, 2, 3, 0]);
    }
  });

  it('counts the shared strings of cells it does not keep, with or without a reference in t', () => {
    const xml = sheet('<row r="1"><c r="A1" t="s"><v>4</v></c><c r="B1" t="&#115;"><v>9</v></c><c r="C1" t="n"><v>99</v></c><c r="D1"/></row>');
    expect(parseSheetXml(xml, false).maxString).toBe(9);
    expect(parseSheetXml(xml, (c) => c === 4).maxString).toBe(9);
    expect(parseSheetXml(sheet('<row><c t="s"><v>x</v></c></row>'), false).maxString).toBe(Infinity);
  });

  it('reads a row number as Number reads it, and follows on without one', () => {
    const rows = (r: string) => parseSheetXml(sheet(`<row${r}><c><v>1</v></c></row><row><c/><c/></row>`), true);
    expect(rows(' r="007"').maxRow).toBe(8);
    expect(rows(' r=" 5 "').maxRow).toBe(6);
    expect(rows(' r="1e2"').maxRow).toBe(101);
    expect(rows(' r="12345678901"').maxRow).toBe(12345678902);
    expect(rows(' r="x"').maxRow).toBe(2);
    expect(rows('').maxRow).toBe(2);
    expect([...rows(' r="3"').stored.keys()]).toEqual([cellKey(1, 3), cellKey(1, 4), cellKey(2, 4)]);
  });

  it('refuses a bad reference in a cell it does not keep, in an attribute or in text', () => {
    for (const row of ['<row><c r="A1" s="&x;"/></row>', '<row><c r="A1"><f>"&"</f></c></row>', '<row><c r="A1" t="&x;"/></row>']) {
      expect(() => parseSheetXml(sheet(row), false)).toThrow(XmlError);
    }
  });
});

describe('a cell not kept, read in place', () => {
  const scan = (read: ReturnType<typeof parseSheetXml>) => [read.maxString, read.cells, read.maxCol, read.maxRow, read.expanded];
  const shapes = [
    '<c r="A1" t="s"><v>3</v></c>',
    '<c r="B1" t="s"><f>"x"&amp;"y"</f><v>7</v></c>',
    '<c r="C1"><f>SUM(A1:B1)</f></c>',
    '<c r="D1" t="s"><v></v></c>',
    '<c r="E1" t="s"><v>&#49;2</v></c>',
    '<c r="F1" t="s"> <v>20</v> </c>',
    '<c r="G1" t="s"><v>21</v></c >',
    '<c r="H1" t="s"><v>22</v><extLst/></c>',
    '<c r="I1" t="s"><is><t>x</t></is></c>',
    '<c r="J1"><f t="shared" ref="J1:J2" si="0">A1*2</f><v>6</v></c>',
    '<c r="K1" t="str"><f>"&lt;&gt;"</f><v>&lt;&gt;</v></c>',
    '<c r="L1" t="s"/>',
  ];

  it.each(shapes.map((c) => [c]))('%s counts as when it is kept', (c) => {
    const xml = sheet(`<row r="1">${c}</row><row r="2"><c r="J2"><f t="shared" si="0"/><v>8</v></c></row>`);
    const none = parseSheetXml(xml, () => false);
    expect(scan(none)).toEqual(scan(parseSheetXml(xml, true)));
    expect(scan(none)).toEqual(scan(parseSheetXml(xml, false, { open: () => undefined })));
    expect(none.stored.size).toBe(0);
  });

  it('counts them all in one row, and keeps the shared formula a kept dependent needs', () => {
    const xml = sheet(`<row r="1">${shapes.join('')}</row><row r="2"><c r="J2"><f t="shared" si="0"/><v>8</v></c></row>`);
    const one = parseSheetXml(xml, (c, r) => c === 10 && r === 2);
    expect(scan(one)).toEqual(scan(parseSheetXml(xml, true)));
    expect(scan(one)).toEqual([22, 15, 12, 2, 0]);
    expect(one.shared.get('0')).toEqual({ formula: 'A1*2', col: 10, row: 1 });
    expect([...one.stored.keys()]).toEqual([cellKey(10, 2)]);
  });

  it.each([
    ['an unknown entity in a formula', '<c r="A1"><f>&x;</f><v>1</v></c>'],
    ['a bare & in a value', '<c r="A1"><v>1 & 2</v></c>'],
    ['a value not closed', '<c r="A1"><v>1</c>'],
    ['a cell not closed', '<c r="A1"><v>1</v></row>'],
    ['a cell closed twice', '<c r="A1"><v>1</v></c></c>'],
    ['a formula closed as a value', '<c r="A1"><f>1</v></c>'],
  ])('refuses %s', (_, c) => {
    expect(() => parseSheetXml(sheet(`<row r="1">${c}</row>`), () => false)).toThrow(XmlError);
  });
});

describe("the merges a sheet's markup shows before it is read", () => {
  it('are found with or without a prefix or $, and only as hints', () => {
    const xml = sheet('') + `<mergeCells count="4"><mergeCell ref="A1:B2"/><x:mergeCell ref='$C$3:$D$40'/><mergeCell\nref="E1:F1"/><mergeCell ref="G1"/></mergeCells><!-- <mergeCell ref="H1:H2"/> -->`;
    expect(mergeHints(xml)).toEqual([
      [1, 1, 2, 2],
      [3, 3, 4, 40],
      [8, 1, 8, 2],
    ]);
  });
});

describe('the cells a range list covers', () => {
  /** The pattern `cellsIn` falls back on, as it read every list before. */
  const slow = patternCellsIn;

  it.each([
    'A1', 'A1:B2', 'B2:A1', '$A$1:$C$3', 'A$1:$B2', 'L12:L13 L15:L17 C3', 'XFD1048576', 'A1:XFD1048576', 'AAAA1', 'A1:B', '1:3', 'A:C',
    'A1:B2:C3', 'A1  B2', ' A1', 'A1 ', 'A1\tB2', 'A1\u00a0B2', 'a1', 'A01:A010', 'A123456789', 'A1234567890:B2', '', 'A1,B2', 'A1 x B2',
  ])('%p as the pattern reads it', (sqref) => {
    expect(cellsIn(sqref)).toBe(slow(sqref));
  });
});

describe("a defined name's target", () => {
  it.each([
    'Kommune!$C$3', 'Kommune!C3', 'Kommune!$C3', "'Kommune'!$C$3", "'Ark 1'!$C$3", 'Ark 1!$C$3', ' Kommune!$C$3', 'Kommune!$C$3 ', 'Kommune!$C$03',
    'Kommune!$C$0', 'Kommune!$XFD$1048576', 'Kommune!$XFE$1', 'Kommune!$C$1048577', 'Kommune!$ZZZ$1', 'Kommune!$C$12345678', 'Kommune!$AAAA$1',
    'Kommune!$c$3', 'Kommune!$C$3:$D$4', 'Kommune!$C$', 'Kommune!$$3', '!$C$3', 'Køn!$C$3', 'K:m!$C$3', 'Kommune!$C$3!$D$4', '#REF!', 'Kommune!#REF!', '"x"',
  ])('%p as parseReference reads it, on the grid or not', (text) => {
    const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const [name] = parseWorkbookXml(`<workbook><sheets/><definedNames><definedName name="N">${escaped}</definedName></definedNames></workbook>`).names;
    const target = parseReference(text);
    const onGrid = target?.range.split(':').every((ref) => {
      const { col, row } = splitRef(ref);
      return col >= 1 && col <= 16_384 && row >= 1 && row <= 1_048_576;
    });
    expect(name).toEqual({ name: 'N', scope: null, refersTo: text, ...(onGrid ? { target } : {}) });
  });
});
