/**
 * Parts of an .xlsx that ExcelJS does not carry through a load and save (charts, pivot tables,
 * macros …). A command that writes a changed copy of a workbook refuses one that holds any, rather
 * than silently dropping what the user made.
 */
import JSZip from 'jszip';

const LOST_PARTS: [RegExp, string][] = [
  [/^xl\/charts\//, 'diagrammer'],
  [/^xl\/chartsheets\//, 'diagramark'],
  [/^xl\/pivotTables\//, 'pivottabeller'],
  [/^xl\/slicers\//, 'udsnitsværktøjer'],
  [/^xl\/vbaProject\.bin$/, 'makroer'],
  [/^xl\/externalLinks\//, 'eksterne kæder'],
  [/^xl\/threadedComments\//, 'trådede kommentarer'],
];

/** Danish names of what a rewrite would lose; empty when nothing. */
export async function partsThatWouldBeLost(data: Uint8Array): Promise<string[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return [];
  }
  const found = new Set<string>();
  for (const name of Object.keys(zip.files)) for (const [pattern, what] of LOST_PARTS) if (pattern.test(name)) found.add(what);
  return [...found];
}

export function lostPartsMessage(file: string, parts: string[]): string {
  return `${file}: projektmappen indeholder ${parts.join(', ')}, som ville gå tabt, når parathed skriver en ny fil. Flyt dem til en anden projektmappe, eller kør kommandoen på en kopi uden dem.`;
}

/**
 * LibreOffice writes protection flags as "true"/"false" where Excel writes "1"/"0"; ExcelJS reads
 * only the latter and would drop the protection of a workbook saved by LibreOffice. This rewrites
 * those flags before loading. Returns the data unchanged when it is not a zip.
 */
export async function normalizeProtectionFlags(data: Uint8Array): Promise<Uint8Array> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return data;
  }
  let changed = false;
  const flag = (xml: string, element: string) =>
    xml.replace(new RegExp(`<${element}\\b[^>]*>`, 'g'), (tag) => tag.replace(/="true"/g, '="1"').replace(/="false"/g, '="0"'));
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/(worksheets\/[^/]+\.xml|styles\.xml|workbook\.xml)$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    const fixed = flag(flag(flag(xml, 'sheetProtection'), 'protection'), 'workbookProtection');
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  return changed ? zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) : data;
}
