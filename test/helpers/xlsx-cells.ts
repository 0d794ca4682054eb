/**
 * Reads the cells of an .xlsx straight from its XML, cached formula results included exactly as
 * stored. (ExcelJS 4.4 reads a cached result of 0 as no result at all, which would make a
 * parity test mistake 0 for blank.)
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';

export type RawCell = number | string | boolean | null;

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

const texts = (xml: string) => [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => decode(m[1]!)).join('');

export interface SheetCells {
  /** The value (or cached formula result) of each cell, by A1 address. */
  values: Map<string, RawCell>;
  formulas: Map<string, string>;
}

export async function readSheets(file: string): Promise<Map<string, SheetCells>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const read = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const shared = [...(await read('xl/sharedStrings.xml')).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => texts(m[1]!));
  const workbook = await read('xl/workbook.xml');
  const rels = await read('xl/_rels/workbook.xml.rels');
  const targets = new Map([...rels.matchAll(/<Relationship [^>]*Id="([^"]+)"[^>]*Target="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]));
  const result = new Map<string, SheetCells>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const target = targets.get(m[2]!)!.replace(/^\/?(xl\/)?/, '');
    const xml = await read(`xl/${target}`);
    const values = new Map<string, RawCell>();
    const formulas = new Map<string, string>();
    for (const c of xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const [, ref, attrs, body = ''] = c;
      const type = /\st="([^"]+)"/.exec(attrs!)?.[1] ?? 'n';
      const f = /<f[^>]*>([\s\S]*?)<\/f>/.exec(body);
      if (f) formulas.set(ref!, decode(f[1]!));
      const v = /<v>([\s\S]*?)<\/v>|<v\/>/.exec(body);
      let value: RawCell = null;
      if (type === 'inlineStr') value = texts(body);
      else if (v) {
        const text = decode(v[1] ?? '');
        if (type === 's') value = shared[Number(text)]!;
        else if (type === 'str' || type === 'e') value = text;
        else if (type === 'b') value = text === '1';
        else value = text === '' ? null : Number(text);
      } else if (f && type === 'str') value = '';
      values.set(ref!, value);
    }
    result.set(decode(m[1]!), { values, formulas });
  }
  return result;
}

/** Resolves a workbook-level defined name to its sheet and cell. */
export async function definedNames(file: string): Promise<Map<string, { sheet: string; cell: string }>> {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const workbook = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
  const names = new Map<string, { sheet: string; cell: string }>();
  for (const m of workbook.matchAll(/<definedName [^>]*name="([^"]+)"[^>]*>([^<]*)<\/definedName>/g)) {
    const ref = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(decode(m[2]!));
    if (ref) names.set(m[1]!, { sheet: ref[1]!.replace(/''/g, "'"), cell: `${ref[2]}${ref[3]}` });
  }
  return names;
}

/**
 * Compares the cached result of every formula in `ours` (written by the TypeScript mirror) with
 * the same cell in `theirs` (recalculated by LibreOffice). Returns the differences and the number
 * of formulas compared; `only` limits it to one sheet.
 */
export async function cachedResultDifferences(ours: string, theirs: string, only?: string): Promise<{ differences: string[]; formulas: number }> {
  const mine = await readSheets(ours);
  const lo = await readSheets(theirs);
  const differences: string[] = [];
  let formulas = 0;
  for (const [sheet, cells] of mine) {
    if (only && sheet !== only) continue;
    for (const ref of cells.formulas.keys()) {
      formulas++;
      const a = cells.values.get(ref) ?? '';
      const b = lo.get(sheet)?.values.get(ref) ?? '';
      if (a !== b) differences.push(`${sheet}!${ref}: ours ${JSON.stringify(a)}, LibreOffice ${JSON.stringify(b)}`);
    }
  }
  return { differences, formulas };
}
