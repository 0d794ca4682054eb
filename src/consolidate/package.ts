/**
 * The package of an .xlsx as the selective reader and the file adapter both read it, browser-safe
 * (the tokenizer of xml.ts): what kind of file it is when it is no zip, the sheets and defined names of
 * `xl/workbook.xml`, a relationship part's targets, and the limits' messages for a sheet that
 * ExcelJS (or any reader cell by cell) would blow up.
 */
import { maskCpr } from '../model/cpr';
import { splitRef, parseReference } from '../workbook/description';
import { ENCRYPTED, LIMITS, NOT_XLSX, OLD_XLS, compoundFileKind, sniff } from '../workbook/limits';
import type { NameInfo } from '../workbook/port';
import { parseXml } from './xml';

/** What kind of file this is, when it is not a zip: a password-protected workbook, an old .xls, something else. */
export function notZipProblem(data: Uint8Array): string {
  if (sniff(data) !== 'ole2') return NOT_XLSX;
  let kind: ReturnType<typeof compoundFileKind> = 'other';
  try {
    kind = compoundFileKind(data);
  } catch {
    // A compound file whose directory cannot be read is no workbook parathed reads.
  }
  return kind === 'encrypted' ? ENCRYPTED : kind === 'xls' ? OLD_XLS : NOT_XLSX;
}

export interface WorkbookXml {
  /** The sheets in order, with their relationship id and whether they are shown. */
  sheets: { name: string; rid: string; visible: boolean }[];
  names: NameInfo[];
}

/** Whether a cell address ("C3") lies on Excel's grid (A1 to XFD1048576). */
function withinGrid(ref: string): boolean {
  const { col, row } = splitRef(ref);
  return col >= 1 && col <= 16_384 && row >= 1 && row <= 1_048_576;
}

/**
 * A defined name's target as `parseReference` reads it, and whether it lies on Excel's grid.
 * The usual shape, an unquoted sheet name and one absolute cell ("Kommune!$C$3"), is read in place; anything else
 * through `parseReference`.
 */
function nameTarget(text: string): { target: ReturnType<typeof parseReference>; inGrid: boolean } {
  const quick = plainCellTarget(text);
  if (quick) return { target: quick, inGrid: true };
  const target = parseReference(text);
  return { target, inGrid: target !== undefined && target.range.split(':').every(withinGrid) };
}

/** "Sheet!$C$3" (a sheet name without quotes, ' ! : or spaces; a cell on the grid), or undefined for anything else. */
function plainCellTarget(text: string): { sheet: string; range: string } | undefined {
  const bang = text.indexOf('!');
  if (bang <= 0 || text.charCodeAt(bang + 1) !== 36 /* $ */) return undefined;
  for (let i = 0; i < bang; i++) {
    const c = text.charCodeAt(i);
    // Not ' ! : nor anything String.trim would take (the sheet names of the template are plain).
    if (c === 39 || c === 58 || c <= 32 || c > 126) return undefined;
  }
  let i = bang + 2;
  let col = 0;
  for (; i < text.length && i < bang + 6; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  const letters = i - bang - 2;
  if (letters < 1 || letters > 3 || text.charCodeAt(i) !== 36) return undefined;
  const digits = ++i;
  let row = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + c - 48;
  }
  if (i === digits || i > digits + 7 || col > 16_384 || row < 1 || row > 1_048_576) return undefined;
  return { sheet: text.slice(0, bang), range: text.slice(bang + 2, digits - 1) + text.slice(digits) };
}

/** The sheets (in order) and defined names of `xl/workbook.xml`. Throws on malformed XML. */
export function parseWorkbookXml(xml: string): WorkbookXml {
  const sheets: WorkbookXml['sheets'] = [];
  const names: NameInfo[] = [];
  let open: { name: string; local: string | undefined; text: string } | undefined;
  parseXml(xml, {
    open(tag) {
      const attr = (a: string): string | undefined => tag.attribute(a);
      if (tag.name === 'sheet') sheets.push({ name: attr('name') ?? '', rid: attr('r:id') ?? '', visible: (attr('state') ?? 'visible') === 'visible' });
      if (tag.name === 'definedName') open = { name: attr('name') ?? '', local: attr('localSheetId'), text: '' };
    },
    text(text) {
      if (open) open.text += text;
    },
    close(name) {
      if (name !== 'definedName' || !open) return;
      const scope = open.local === undefined ? null : (sheets[Number(open.local)]?.name ?? null);
      // A reference past Excel's grid (ZZZ1, C0) points at no cell: the name is as good as missing.
      const { target, inGrid } = nameTarget(open.text);
      names.push(target && inGrid ? { name: open.name, scope, refersTo: open.text, target } : { name: open.name, scope, refersTo: open.text });
      open = undefined;
    },
  });
  return { sheets, names };
}

/** A relationship part's internal targets by id, resolved against the folder of its source. */
export function relationships(xml: string, folder: string): Map<string, string> {
  const targets = new Map<string, string>();
  parseXml(xml, {
    open(tag) {
      if (tag.name !== 'Relationship' || tag.attribute('TargetMode') === 'External') return;
      const target = tag.attribute('Target') ?? '';
      const parts = (target.startsWith('/') ? target.slice(1) : `${folder}${target}`).split('/');
      const resolved: string[] = [];
      for (const p of parts) {
        if (p === '..') resolved.pop();
        else if (p !== '.' && p !== '') resolved.push(p);
      }
      targets.set(tag.attribute('Id') ?? '', resolved.join('/'));
    },
    close() {},
  });
  return targets;
}

/** Cells a range list ("A1:B2 C3") covers; 0 for what is no range. */
export function cellsIn(sqref: string): number {
  const quick = plainCellsIn(sqref);
  return quick >= 0 ? quick : patternCellsIn(sqref);
}

/** `cellsIn` by a pattern, each range of the list on its own: for any list `plainCellsIn` does not read. */
export function patternCellsIn(sqref: string): number {
  let n = 0;
  for (const ref of sqref.trim().split(/\s+/)) {
    const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/.exec(ref);
    if (!m) continue;
    const from = splitRef(`${m[1]}${m[2]}`);
    const to = m[3] ? splitRef(`${m[3]}${m[4]}`) : from;
    n += (Math.abs(to.col - from.col) + 1) * (Math.abs(to.row - from.row) + 1);
  }
  return n;
}

/**
 * `cellsIn` of a list of plain ranges apart by single spaces (as Excel writes them), read in
 * place; -1 for anything else (read by the pattern then).
 */
function plainCellsIn(sqref: string): number {
  let n = 0;
  let i = 0;
  const end = sqref.length;
  /** The corner read last. */
  let col = 0;
  let row = 0;
  const corner = (): boolean => {
    if (sqref.charCodeAt(i) === 36 /* $ */) i++;
    const letters = i;
    col = 0;
    for (; i < end && i < letters + 4; i++) {
      const c = sqref.charCodeAt(i);
      if (c < 65 || c > 90) break;
      col = col * 26 + c - 64;
    }
    if (i === letters || i > letters + 3) return false;
    if (sqref.charCodeAt(i) === 36) i++;
    const digits = i;
    row = 0;
    for (; i < end && i < digits + 9; i++) {
      const c = sqref.charCodeAt(i);
      if (c < 48 || c > 57) break;
      row = row * 10 + c - 48;
    }
    return i > digits && i < digits + 9;
  };
  while (i < end) {
    if (!corner()) return -1;
    const c1 = col;
    const r1 = row;
    if (sqref.charCodeAt(i) === 58 /* : */) {
      i++;
      if (!corner()) return -1;
    }
    n += (Math.abs(col - c1) + 1) * (Math.abs(row - r1) + 1);
    if (i === end) break;
    if (sqref.charCodeAt(i) !== 32 || i + 1 === end) return -1;
    i++;
  }
  return i === end && end > 0 ? n : -1;
}

export const CELLS_MESSAGE = `Projektmappen har over ${LIMITS.cells.toLocaleString('da-DK')} udfyldte celler, hvilket en parathedsvurdering aldrig har. Kontrollér, at det er den rigtige fil, eller slet det, der ikke hører til vurderingen.`;
export const areaMessage = (sheet: string, corner: string) =>
  `Arket "${maskCpr(sheet)}" bruger celler helt ud til ${corner} (over ${LIMITS.sheetArea.toLocaleString('da-DK')} celler), hvilket en parathedsvurdering aldrig gør. Slet de tomme rækker og kolonner under og til højre for indholdet, gem, og prøv igen.`;
export const expandedMessage = (sheet: string, range: string) =>
  `Arket "${maskCpr(sheet)}" har en fletning eller datavalidering over for mange celler (${range}; over ${LIMITS.expandedCells.toLocaleString('da-DK')} celler i alt), som parathed ikke læser. Fjern fletningen eller valideringen i Excel, gem, og prøv igen.`;
