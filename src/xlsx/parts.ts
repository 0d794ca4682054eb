/**
 * What the file adapter reads from an .xlsx's zip before ExcelJS loads it:
 * - the parts ExcelJS does not carry through a load and save (charts, pivot tables, macros …): a
 *   command that writes a changed copy refuses a workbook that holds any, rather than silently
 *   dropping what the user made;
 * - the defined names with their scope, from `xl/workbook.xml` (ExcelJS merges sheet-scoped names
 *   into the workbook's);
 * - LibreOffice's protection flags, rewritten: it writes "true"/"false" where Excel writes
 *   "1"/"0", and ExcelJS reads only the latter, so it would drop a LibreOffice-saved file's
 *   protection.
 */
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { parseReference } from '../workbook/description';
import type { NameInfo } from '../workbook/port';

const LOST_PARTS: [RegExp, string][] = [
  [/^xl\/charts\//, 'diagrammer'],
  [/^xl\/chartsheets\//, 'diagramark'],
  [/^xl\/pivotTables\//, 'pivottabeller'],
  [/^xl\/slicers\//, 'udsnitsværktøjer'],
  [/^xl\/vbaProject\.bin$/, 'makroer'],
  [/^xl\/externalLinks\//, 'eksterne kæder'],
  [/^xl\/threadedComments\//, 'trådede kommentarer'],
];

export function lostPartsMessage(file: string, parts: string[]): string {
  return `${file}: projektmappen indeholder ${parts.join(', ')}, som ville gå tabt, når parathed skriver en ny fil. Flyt dem til en anden projektmappe, eller kør kommandoen på en kopi uden dem.`;
}

export interface Parts {
  /** The bytes to load (unchanged unless protection flags were rewritten). */
  data: Uint8Array;
  /** What a rewrite would lose, in Danish (empty when nothing). */
  lost: string[];
  /** Every defined name, with its scope. */
  names: NameInfo[];
}

/** The sheets (in order) and defined names of `xl/workbook.xml`. */
export function workbookNames(xml: string): NameInfo[] {
  const sheets: string[] = [];
  const names: NameInfo[] = [];
  let open: { name: string; local: string | undefined; text: string } | undefined;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    const attr = (a: string): string | undefined => tag.attributes[a];
    if (tag.name === 'sheet') sheets.push(attr('name') ?? '');
    if (tag.name === 'definedName') open = { name: attr('name') ?? '', local: attr('localSheetId'), text: '' };
  });
  parser.on('text', (text) => {
    if (open) open.text += text;
  });
  parser.on('closetag', (tag) => {
    if (tag.name !== 'definedName' || !open) return;
    const scope = open.local === undefined ? null : (sheets[Number(open.local)] ?? null);
    const target = parseReference(open.text);
    names.push({ name: open.name, scope, refersTo: open.text, ...(target ? { target } : {}) });
    open = undefined;
  });
  parser.write(xml).close();
  return names;
}

/** Reads the parts; undefined when the data is not a zip. */
export async function readParts(data: Uint8Array): Promise<Parts | undefined> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return undefined;
  }
  const lost = new Set<string>();
  let names: NameInfo[] = [];
  let changed = false;
  const flag = (xml: string, element: string) =>
    xml.replace(new RegExp(`<${element}\\b[^>]*>`, 'g'), (tag) => tag.replace(/="true"/g, '="1"').replace(/="false"/g, '="0"'));
  for (const name of Object.keys(zip.files)) {
    for (const [pattern, what] of LOST_PARTS) if (pattern.test(name)) lost.add(what);
    if (!/^xl\/(worksheets\/[^/]+\.xml|styles\.xml|workbook\.xml)$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    if (name === 'xl/workbook.xml') names = workbookNames(xml);
    const fixed = flag(flag(flag(xml, 'sheetProtection'), 'protection'), 'workbookProtection');
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  return { data: changed ? await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) : data, lost: [...lost], names };
}
