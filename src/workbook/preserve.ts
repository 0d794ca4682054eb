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
