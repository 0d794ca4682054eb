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

export function lostPartsMessage(file: string, parts: string[]): string {
  return `${file}: projektmappen indeholder ${parts.join(', ')}, som ville gå tabt, når parathed skriver en ny fil. Flyt dem til en anden projektmappe, eller kør kommandoen på en kopi uden dem.`;
}

/**
 * Opens the zip once, before ExcelJS loads it, to
 * - name the parts a rewrite would lose (empty when nothing), and
 * - rewrite LibreOffice's protection flags: it writes "true"/"false" where Excel writes "1"/"0",
 *   and ExcelJS reads only the latter, so it would drop the protection of a LibreOffice-saved file.
 * Returns the data unchanged when it is not a zip or needs no change.
 */
export async function prepareForLoad(data: Uint8Array): Promise<{ data: Uint8Array; lost: string[] }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return { data, lost: [] };
  }
  const lost = new Set<string>();
  let changed = false;
  const flag = (xml: string, element: string) =>
    xml.replace(new RegExp(`<${element}\\b[^>]*>`, 'g'), (tag) => tag.replace(/="true"/g, '="1"').replace(/="false"/g, '="0"'));
  for (const name of Object.keys(zip.files)) {
    for (const [pattern, what] of LOST_PARTS) if (pattern.test(name)) lost.add(what);
    if (!/^xl\/(worksheets\/[^/]+\.xml|styles\.xml|workbook\.xml)$/.test(name)) continue;
    const xml = await zip.file(name)!.async('string');
    const fixed = flag(flag(flag(xml, 'sheetProtection'), 'protection'), 'workbookProtection');
    if (fixed !== xml) {
      zip.file(name, fixed);
      changed = true;
    }
  }
  return { data: changed ? await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) : data, lost: [...lost] };
}
