/**
 * What the file adapter reads from an .xlsx's zip before ExcelJS loads it:
 * - the parts ExcelJS does not carry through a load and save (charts, pivot tables, macros …): a
 *   command that writes a changed copy refuses a workbook that holds any, rather than silently
 *   dropping what the user made;
 * - the defined names with their scope, from `xl/workbook.xml` (ExcelJS merges sheet-scoped names
 *   into the workbook's, so a rewrite refuses a workbook with any but the print area, print titles
 *   and autofilter names it carries; it also refuses a workbook whose structure or windows are protected, a
 *   protection ExcelJS does not write);
 * - LibreOffice's protection flags, rewritten: it writes "true"/"false" where Excel writes
 *   "1"/"0", and ExcelJS reads only the latter, so it would drop a LibreOffice-saved file's
 *   protection.
 */
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { CELLS_MESSAGE, areaMessage, expandedMessage, parseWorkbookXml, relationships } from '../consolidate/package';
import { parseSheetXml, type SheetScan } from '../consolidate/sheet-xml';
import { CHART_NAME_PREFIX, columnLetter } from '../workbook/description';
import { SUMMARY_SHEET } from '../model/names';
import { maskCpr } from '../model/cpr';
import { DAMAGED, LIMITS, NOT_XLSX, ODS } from '../workbook/limits';
import { BUILT_IN_NAMES, type NameInfo } from '../workbook/port';

/**
 * The parts an ExcelJS load and save carries through (or rebuilds, or that hold nothing the user
 * made: the calculation chain, printer driver settings). Every other part is named as lost.
 */
const KEPT_PARTS: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^_rels\/\.rels$/,
  /^docProps\/(core|app)\.xml$/,
  /^docProps\/thumbnail\.\w+$/,
  // Checked inside: LibreOffice writes an empty one; properties in it would be lost.
  /^docProps\/custom\.xml$/,
  /^xl\/workbook\.xml$/,
  /^xl\/_rels\/workbook\.xml\.rels$/,
  /^xl\/styles\.xml$/,
  /^xl\/sharedStrings\.xml$/,
  /^xl\/calcChain\.xml$/,
  /^xl\/theme\/[^/]+\.xml$/,
  /^xl\/worksheets\/[^/]+\.xml$/,
  /^xl\/worksheets\/_rels\/[^/]+\.xml\.rels$/,
  /^xl\/printerSettings\/[^/]+$/,
  /^xl\/comments[^/]*\.xml$/,
  /^xl\/drawings\/vmlDrawing[^/]*\.vml$/,
  /^xl\/tables\/[^/]+\.xml$/,
  /^xl\/media\/[^/]+$/,
  /^xl\/drawings\/_rels\/[^/]+\.rels$/,
  // Checked inside: pictures survive, shapes and charts do not.
  /^xl\/drawings\/drawing[^/]*\.xml$/,
];

/** What a lost part is called, in Danish; an unknown part is named by its path. */
const LOST_PARTS: [RegExp, string][] = [
  [/^xl\/charts\//, 'diagrammer'],
  [/^xl\/chartsheets\//, 'diagramark'],
  [/^xl\/pivotTables\/|^xl\/pivotCache\//, 'pivottabeller'],
  [/^xl\/slicers\/|^xl\/slicerCaches\/|^xl\/timelines?\/|^xl\/timelineCaches\//, 'udsnitsværktøjer'],
  [/^xl\/vbaProject\.bin$/, 'makroer'],
  [/^xl\/externalLinks\//, 'eksterne kæder'],
  [/^xl\/threadedComments\/|^xl\/persons\//, 'trådede kommentarer'],
  [/^xl\/connections\.xml$|^xl\/queryTables\//, 'Power Query- og dataforbindelser'],
  [/^xl\/model\//, 'datamodel (Power Pivot)'],
  [/^customXml\//, 'brugerdefineret XML (fx Power Query-forespørgsler)'],
  [/^docProps\/custom\.xml$/, 'brugerdefinerede dokumentegenskaber (fx følsomhedsmærkat)'],
  [/^xl\/webextensions\//, 'tilknyttede tilføjelsesprogrammer'],
  [/^xl\/metadata\.xml$/, 'metadata for dynamiske matrixformler'],
  [/^xl\/richData\//, 'datatyper og billeder i celler'],
  [/^xl\/ctrlProps\/|^xl\/activeX\//, 'formularkontroller'],
  [/^xl\/embeddings\//, 'indlejrede objekter'],
  [/^xl\/customProperty/, 'brugerdefinerede arkegenskaber'],
  [/^xl\/drawings\//, 'figurer og tegninger'],
];

/** Elements of a worksheet that a rewrite keeps, or that hold nothing the user made. */
const KEPT_SHEET_ELEMENTS = new Set([
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'autoFilter', 'sortState', 'mergeCells',
  'phoneticPr', 'conditionalFormatting', 'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks',
  'colBreaks', 'ignoredErrors', 'drawing', 'legacyDrawing', 'tableParts', 'extLst',
]);
const LOST_SHEET_ELEMENTS: Record<string, string> = {
  protectedRanges: 'beskyttede områder',
  scenarios: 'scenarier',
  dataConsolidate: 'datakonsolidering',
  customSheetViews: 'brugerdefinerede visninger',
  cellWatches: 'overvågede celler',
  smartTags: 'smartkoder',
  oleObjects: 'indlejrede objekter',
  controls: 'formularkontroller',
  webPublishItems: 'webpublicering',
  picture: 'baggrundsbilleder',
  legacyDrawingHF: 'billeder i sidehoved eller sidefod',
};
/** The sheet extensions ExcelJS reads and writes: Excel 2010 data bars and icon sets. */
const KEPT_EXT = '{78C0D931-6437-407d-A8EE-F0AAD7539E65}'.toLowerCase();
const KEPT_X14_RULES = new Set(['dataBar', 'iconSet']);
const EXT_NAMES: Record<string, string> = {
  '{05c60535-1f16-4fd2-b633-f4f36f0b64e0}': 'minidiagrammer (sparklines)',
  '{cce6a557-97bc-4b89-adb6-d9c93caab3df}': 'datavalidering (Excel 2010-udvidelse)',
  '{a8765ba9-456a-4dab-b4f3-acf838c121de}': 'udsnitsværktøjer',
  '{3a4cf648-6aed-40f4-86ff-dc5316d8aed3}': 'udsnitsværktøjer',
  '{7e03d99c-dc04-49d9-9315-930204a7b6e9}': 'tidslinjer',
};

/** What structure protection is called among the lost parts. */
export const STRUCTURE_PROTECTION = 'beskyttelse af projektmappens struktur';
/** What window protection (Excel's "Vinduer", lockWindows) is called among the lost parts. */
export const WINDOW_PROTECTION = 'beskyttelse af projektmappens vinduer';
/** How the lost sheet-scoped names start, among the lost parts. */
const SCOPED_NAMES = 'navne, der kun gælder ét ark';
/** How the lost notes on empty cells start, among the lost parts. */
export const EMPTY_CELL_NOTES = 'noter i tomme celler';

/** The lost notes (cells absent from their sheet's data: ExcelJS reads no note there), named "Ark!C5" (sheet names masked). */
export function emptyCellNotesLost(notes: { sheet: string; cell: string }[]): string {
  return `${EMPTY_CELL_NOTES} (${notes.map((n) => `${maskCpr(n.sheet)}!${n.cell}`).join(', ')})`;
}

/** What the add-in's summary charts are called among the lost parts. */
export const ADDIN_CHARTS = `tilføjelsesprogrammets diagrammer i resuméet (${SUMMARY_SHEET})`;

export function lostPartsMessage(file: string, parts: string[]): string {
  const lost = `${file}: projektmappen indeholder ${parts.join(', ')}, som ville gå tabt, når parathed skriver en ny fil.`;
  if (parts.length === 1 && parts[0] === ADDIN_CHARTS) {
    return `${lost} Slet diagrammerne (eller arket ${SUMMARY_SHEET}) i Excel, kør kommandoen igen, og gendan derefter resuméet i tilføjelsesprogrammet, som tegner diagrammerne igen.`;
  }
  // Each kind its own advice: protection cannot be moved, names are fixed where they are.
  const locks = [STRUCTURE_PROTECTION, WINDOW_PROTECTION].filter((p) => parts.includes(p)).map((p) => p.replace(/^.* /, ''));
  const names = parts.some((p) => p.startsWith(SCOPED_NAMES));
  const notes = parts.some((p) => p.startsWith(EMPTY_CELL_NOTES));
  const movable = parts.filter((p) => p !== ADDIN_CHARTS && p !== STRUCTURE_PROTECTION && p !== WINDOW_PROTECTION && !p.startsWith(SCOPED_NAMES) && !p.startsWith(EMPTY_CELL_NOTES));
  const advice: string[] = [];
  if (movable.length > 0) advice.push(`Flyt ${movable.length === parts.length ? 'dem' : movable.join(', ')} til en anden projektmappe, eller kør kommandoen på en kopi uden dem.`);
  if (locks.length > 0) advice.push(`Fjern beskyttelsen af projektmappens ${locks.join(' og ')} (Gennemse > Beskyt projektmappe), og kør kommandoen igen.`);
  if (names) advice.push('Slet navnene, der kun gælder ét ark, eller opret dem igen som navne for hele projektmappen (Formler > Navnestyring), og kør kommandoen igen.');
  if (notes) advice.push('Flyt noterne i tomme celler til celler med indhold, eller slet dem, og kør kommandoen igen.');
  if (parts.includes(ADDIN_CHARTS)) advice.push('Tilføjelsesprogrammets diagrammer tegnes igen, når resuméet gendannes i tilføjelsesprogrammet.');
  return [lost, ...advice].join(' ');
}

export interface Parts {
  /** The bytes to load (unchanged unless protection flags were rewritten). */
  data: Uint8Array;
  /** What a rewrite would lose, in Danish (empty when nothing). */
  lost: string[];
  /** Every defined name, with its scope. */
  names: NameInfo[];
  /** The cells that hold a note (a legacy comment), from each sheet's comments part. */
  notes: { sheet: string; cell: string }[];
}

/** The cells a comments part holds notes for. */
function commentRefs(xml: string): string[] {
  const refs: string[] = [];
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name.replace(/^.*:/, '') === 'comment' && typeof tag.attributes['ref'] === 'string') refs.push(tag.attributes['ref']);
  });
  parser.write(xml).close();
  return refs;
}

/** The defined names of `xl/workbook.xml`, with their scope. */
export function workbookNames(xml: string): NameInfo[] {
  return parseWorkbookXml(xml).names;
}

/** One pass over a worksheet: the limits' scan, and what a rewrite would lose. */
function scanSheet(xml: string): SheetScan & { lost: Set<string> } {
  const lost = new Set<string>();
  let ext = '';
  const scan = parseSheetXml(xml, false, {
    open(local, path, tag) {
      if (path.length === 1 && !KEPT_SHEET_ELEMENTS.has(local)) lost.add(LOST_SHEET_ELEMENTS[local] ?? `arkelementet ${local}`);
      if (path.length === 2 && path[1] === 'extLst' && local === 'ext') {
        ext = (tag.attributes['uri'] ?? '').toLowerCase();
        if (ext !== KEPT_EXT) lost.add(EXT_NAMES[ext] ?? `en Excel-udvidelse (${tag.attributes['uri'] ?? ''})`);
      }
      if (ext === KEPT_EXT && local === 'cfRule' && !KEPT_X14_RULES.has(tag.attributes['type'] ?? '')) lost.add('betingede formater (Excel 2010-udvidelse)');
    },
    close(local, path) {
      if (local === 'ext' && path.length === 2) ext = '';
    },
  });
  return { ...scan, lost };
}

/**
 * What a drawing part holds that a rewrite would lose (ExcelJS keeps pictures only): the add-in's
 * charts (graphic frames named with CHART_NAME_PREFIX), and any other shape or chart.
 */
function drawingLoses(xml: string): { addinCharts: number; other: boolean } {
  const found = { addinCharts: 0, other: false };
  let frame = false;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (/^(xdr:)?(sp|grpSp|cxnSp)$/.test(tag.name)) found.other = true;
    if (/^(xdr:)?graphicFrame$/.test(tag.name)) frame = true;
    if (frame && /^(xdr:)?cNvPr$/.test(tag.name)) {
      if ((tag.attributes['name'] ?? '').startsWith(CHART_NAME_PREFIX)) found.addinCharts++;
      else found.other = true;
      frame = false;
    }
  });
  parser.on('closetag', (tag) => {
    // A frame without a name is someone else's.
    if (/^(xdr:)?graphicFrame$/.test(tag.name) && frame) {
      found.other = true;
      frame = false;
    }
  });
  parser.write(xml).close();
  return found;
}

/** How many strings the shared string table holds. */
function sharedStringCount(xml: string): number {
  let n = 0;
  let depth = 0;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (depth === 1 && tag.name.replace(/^.*:/, '') === 'si') n++;
    depth++;
  });
  parser.on('closetag', () => {
    depth--;
  });
  parser.write(xml).close();
  return n;
}


export type PartsResult = Parts | { problem: string };


/**
 * Reads the parts of a zip that `inspectZip` found within the limits: a damaged or foreign
 * package is a problem, as is a sheet ExcelJS would blow up.
 */
export async function readParts(data: Uint8Array): Promise<PartsResult> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    return { problem: DAMAGED };
  }
  const has = (name: string) => zip.files[name] !== undefined && !zip.files[name]!.dir;
  const text = (name: string) => zip.file(name)!.async('string');
  if (has('mimetype') && (await text('mimetype')).startsWith('application/vnd.oasis.opendocument')) return { problem: ODS };
  if (!has('xl/workbook.xml')) return { problem: has('[Content_Types].xml') ? NOT_XLSX : DAMAGED };
  try {
    if (!has('[Content_Types].xml') || !has('xl/_rels/workbook.xml.rels')) return { problem: DAMAGED };
    const workbook = parseWorkbookXml(await text('xl/workbook.xml'));
    const rels = relationships(await text('xl/_rels/workbook.xml.rels'), 'xl/');
    // Every sheet and the string table the workbook refers to is there. (Not every target: a
    // workbook ExcelJS wrote from a LibreOffice file refers to a theme it did not write.)
    for (const sheet of workbook.sheets) if (!rels.has(sheet.rid) || !has(rels.get(sheet.rid)!)) return { problem: DAMAGED };
    for (const target of rels.values()) if (/sharedStrings\.xml$/i.test(target) && !has(target)) return { problem: DAMAGED };
    const sheetOf = new Map(workbook.sheets.map((s) => [rels.get(s.rid)!, s.name]));

    const lost = new Set<string>();
    // ExcelJS makes every name workbook-level (two sheets' "Lokal" become one); the print area and
    // titles it carries as the sheet's page setup, an autofilter's name with the filter.
    const scoped = workbook.names.filter((n) => n.scope !== null && !BUILT_IN_NAMES.has(n.name.toLowerCase()));
    if (scoped.length > 0) lost.add(`${SCOPED_NAMES} (${scoped.map((n) => `${maskCpr(n.name)} på arket ${maskCpr(n.scope!)}`).join(', ')})`);
    // ExcelJS writes no workbook protection: the lock on the structure (or the windows) would go.
    const protection = /<(?:\w+:)?workbookProtection\b[^>]*>/.exec(await text('xl/workbook.xml'))?.[0] ?? '';
    if (/\blockStructure="(1|true)"/.test(protection)) lost.add(STRUCTURE_PROTECTION);
    if (/\blockWindows="(1|true)"/.test(protection)) lost.add(WINDOW_PROTECTION);
    let charts = 0;
    let addinCharts = 0;
    let changed = false;
    let maxString = -1;
    let cells = 0;
    const flag = (xml: string, element: string) =>
      xml.replace(new RegExp(`<${element}\\b[^>]*>`, 'g'), (tag) => tag.replace(/="true"/g, '="1"').replace(/="false"/g, '="0"'));
    for (const name of Object.keys(zip.files)) {
      if (zip.files[name]!.dir) continue;
      if (!KEPT_PARTS.some((p) => p.test(name))) lost.add(LOST_PARTS.find(([p]) => p.test(name))?.[1] ?? `delen ${name}`);
      else if (/^xl\/drawings\/drawing[^/]*\.xml$/.test(name)) {
        const drawing = drawingLoses(await text(name));
        if (drawing.other) lost.add('figurer og tegninger');
        addinCharts += drawing.addinCharts;
      }
      if (/^xl\/charts\/chart\d+\.xml$/.test(name)) charts++;
      else if (name === 'docProps/custom.xml' && /<(\w+:)?property\b/.test(await text(name))) lost.add('brugerdefinerede dokumentegenskaber (fx følsomhedsmærkat)');
      if (!/^xl\/(worksheets\/[^/]+\.xml|styles\.xml|workbook\.xml)$/.test(name)) continue;
      const xml = await text(name);
      const sheet = sheetOf.get(name);
      if (sheet !== undefined) {
        const scan = scanSheet(xml);
        for (const l of scan.lost) lost.add(l);
        maxString = Math.max(maxString, scan.maxString);
        if (scan.expanded > LIMITS.expandedCells) return { problem: expandedMessage(sheet, scan.largest) };
        cells += scan.cells;
        if (cells > LIMITS.cells) return { problem: CELLS_MESSAGE };
        if (scan.maxRow * Math.max(scan.maxCol, 1) > LIMITS.sheetArea) return { problem: areaMessage(sheet, `${columnLetter(scan.maxCol)}${scan.maxRow}`) };
      }
      const fixed = flag(flag(flag(xml, 'sheetProtection'), 'protection'), 'workbookProtection');
      if (fixed !== xml) {
        zip.file(name, fixed);
        changed = true;
      }
    }
    // Charts that are all the add-in's summary charts are named as such: they are drawn again there.
    if (charts > 0 && charts <= addinCharts && lost.delete('diagrammer')) lost.add(ADDIN_CHARTS);
    // A cell that uses a shared string the file does not hold: damaged (or the table is missing).
    if (maxString >= 0) {
      const strings = [...rels.values()].find((t) => /sharedStrings\.xml$/i.test(t));
      if (!strings || maxString >= sharedStringCount(await text(strings))) return { problem: DAMAGED };
    }
    // Each sheet's notes, found through its relationships (ExcelJS drops a note on an empty cell as it
    // reads: XlsxWorkbook.open names those as lost).
    const notes: Parts['notes'] = [];
    for (const [part, sheet] of sheetOf) {
      const rels = part.replace(/^(.*\/)([^/]+)$/, '$1_rels/$2.rels');
      if (!has(rels)) continue;
      for (const target of relationships(await text(rels), part.replace(/[^/]+$/, '')).values()) {
        if (/^xl\/comments[^/]*\.xml$/.test(target) && has(target)) for (const cell of commentRefs(await text(target))) notes.push({ sheet, cell });
      }
    }
    return { data: changed ? await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) : data, lost: [...lost], names: workbook.names, notes };
  } catch {
    // Malformed XML (the tokenizer and saxes refuse it, and any entity they do not know).
    return { problem: DAMAGED };
  }
}
