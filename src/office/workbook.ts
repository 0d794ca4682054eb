/// <reference types="office-js" />
/**
 * The workbook port (src/workbook/port.ts) for the workbook open in Excel, with Office.js. The
 * only code that calls `Excel.run`.
 *
 * Syncs: a read is one `context.sync` (a second one only to list sheet-scoped names, or when a
 * requested sheet or name is missing). A write is one sync that checks everything it needs
 * (sheets, names, protection, the cells' contents before the write) and refuses before writing
 * anything, then one sync that writes; a long write is cut into batches under `maxRequestBytes`
 * (Excel on the web refuses requests over 5 MB), one sync each. Office.js batches are not
 * transactional: when Excel refuses part of a write, what was written is undone in one more sync
 * (added sheets and names removed, cells given back their formulas or values and formats) and
 * the error says so.
 */
import type { SheetSpec } from '../workbook/description';
import type { CellRead, CellTarget, CellType, CellWrite, NameInfo, NamedCellRead, RangeRead, ReadRequest, ReadResult, WorkbookPort, WriteBatch } from '../workbook/port';
import { cellRef, isSingleCell, parseRange, parseReference } from './a1';
import { MissingTargetError, NameConflictError, OfficeAdapterError, OfficeWriteError, SheetConflictError } from './errors';
import { Session, finishSheetOps, needsTextFormat, op, sheetContentOps, validationOps, type Op } from './render';

/** `Excel.run`, or a stand-in for it in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/**
 * Excel on the web refuses a request over 5 MB. The operations' sizes are estimates (see
 * render.ts), so a batch is kept to well under half of that: the template then takes a few
 * batches, each a few thousand operations.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 2 * 1024 * 1024;

export interface OfficeWorkbookOptions {
  /** Default: `Excel.run`. */
  run?: ExcelRun;
  /** The largest request one sync may send, in estimated bytes. */
  maxRequestBytes?: number;
}

const RANGE_PROPS = 'address,values,formulas,valueTypes,numberFormat';

interface LoadedSheet {
  name: string;
  visible: boolean;
  protected: boolean;
  options?: Excel.WorksheetProtectionOptions;
}

interface LoadedName {
  name: string;
  refersTo: string;
  target?: { sheet: string; range: string };
}

/** What a cell held before a write, to give it back if Excel refuses the rest. */
interface Before {
  sheet: string;
  ref: string;
  formula: unknown;
  numberFormat: unknown;
}

export class OfficeWorkbook implements WorkbookPort {
  private readonly run: ExcelRun;
  readonly maxRequestBytes: number;

  constructor(options: OfficeWorkbookOptions = {}) {
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  }

  // ---------------------------------------------------------------- read

  async read(request: ReadRequest): Promise<ReadResult> {
    return this.run(async (ctx) => {
      const wb = ctx.workbook;
      const sheets = wb.worksheets.load('items/name,items/visibility');
      const names = wb.names.load('items/name,items/type,items/formula');
      // Optimistic: every requested sheet and name is there (the usual case), so one sync reads all.
      const cellRanges = (request.cells ?? []).map((n) => wb.names.getItem(n).getRange().load(RANGE_PROPS));
      const ranges = (request.ranges ?? []).map((r) => rangeOf(wb.worksheets.getItem(r.sheet), r.range).load(RANGE_PROPS));
      try {
        await ctx.sync();
      } catch (err) {
        if (!cellRanges.length && !ranges.length) throw err;
        return this.readCarefully(request);
      }
      const sheetList = sheets.items.map((s) => ({ name: s.name, visible: s.visibility === 'Visible' }));
      const workbookNames = names.items.map(loadedName);
      const result: ReadResult = { sheets: request.sheets ? sheetList : [], names: [], cells: new Map(), ranges: [] };
      if (request.names) result.names = await this.sheetScopedNames(ctx, sheetList, workbookNames);
      (request.cells ?? []).forEach((n, i) => result.cells.set(n, namedCell(workbookNames.find((x) => sameName(x.name, n)), cellRanges[i]!)));
      (request.ranges ?? []).forEach((r, i) => result.ranges.push(rangeRead(r.sheet, ranges[i]!)));
      return result;
    });
  }

  /** The read when a sheet or name may be missing: list first, then read what is there. */
  private readCarefully(request: ReadRequest): Promise<ReadResult> {
    return this.run(async (ctx) => {
      const wb = ctx.workbook;
      const sheets = wb.worksheets.load('items/name,items/visibility');
      const names = wb.names.load('items/name,items/type,items/formula');
      await ctx.sync();
      const sheetList = sheets.items.map((s) => ({ name: s.name, visible: s.visibility === 'Visible' }));
      const exists = (sheet: string) => sheetList.some((s) => sameName(s.name, sheet));
      const workbookNames = names.items.map(loadedName);
      const cellTargets = (request.cells ?? []).map((n) => {
        const found = workbookNames.find((x) => sameName(x.name, n));
        const cell = found?.target && isSingleCell(found.target.range) && exists(found.target.sheet) ? wb.worksheets.getItem(found.target.sheet).getRange(found.target.range).load(RANGE_PROPS) : undefined;
        return { found, cell };
      });
      const ranges = (request.ranges ?? []).map((r) => (exists(r.sheet) ? rangeOf(wb.worksheets.getItem(r.sheet), r.range).load(RANGE_PROPS) : undefined));
      await ctx.sync();
      const result: ReadResult = { sheets: request.sheets ? sheetList : [], names: [], cells: new Map(), ranges: [] };
      if (request.names) result.names = await this.sheetScopedNames(ctx, sheetList, workbookNames);
      (request.cells ?? []).forEach((n, i) => {
        const { found, cell } = cellTargets[i]!;
        result.cells.set(n, found?.target ? { target: found.target, ...(cell ? { cell: cellReadOf(cell, 0, 0) } : {}) } : {});
      });
      (request.ranges ?? []).forEach((r, i) => {
        const range = ranges[i];
        const asked = r.range ? { range: r.range } : {};
        result.ranges.push(range ? { ...rangeRead(r.sheet, range), ...asked } : { sheet: r.sheet, ...asked, exists: false, origin: r.range?.split(':')[0] ?? 'A1', rows: [] });
      });
      return result;
    });
  }

  /** Every defined name: the workbook's, and each sheet's (one more sync, as Office.js lists them per sheet). */
  private async sheetScopedNames(ctx: Excel.RequestContext, sheets: { name: string }[], workbookNames: LoadedName[]): Promise<NameInfo[]> {
    const perSheet = sheets.map((s) => ctx.workbook.worksheets.getItem(s.name).names.load('items/name,items/type,items/formula'));
    await ctx.sync();
    const info = (n: LoadedName, scope: string | null): NameInfo => ({ name: n.name, scope, refersTo: n.refersTo, ...(n.target ? { target: n.target } : {}) });
    return [...workbookNames.map((n) => info(n, null)), ...perSheet.flatMap((c, i) => c.items.map((item) => info(loadedName(item), sheets[i]!.name)))];
  }

  // ---------------------------------------------------------------- write

  async write(batch: WriteBatch): Promise<void> {
    const puts = batch.putSheets ?? [];
    const cells = batch.cells ?? [];
    const rangeNames = batch.names ?? [];
    const removed = batch.removeSheets ?? [];
    if (!puts.length && !cells.length && !rangeNames.length && !removed.length) return;

    await this.run(async (ctx) => {
      const wb = ctx.workbook;
      // Sync 1: what the write needs to know, before anything changes.
      const sheetColl = wb.worksheets.load('items/name,items/visibility,items/protection/protected,items/protection/options');
      const nameColl = wb.names.load('items/name,items/type,items/formula');
      const putNames = new Set(puts.map((p) => p.sheet.name.toLowerCase()));
      const removedNames = new Set(removed.map((s) => s.toLowerCase()));
      const byName = cells.filter((c): c is CellWrite & { name: string } => 'name' in c);
      const nameRanges = byName.map((c) => wb.names.getItem(c.name).getRange().load('address,formulas,numberFormat'));
      const onSheets = cells.filter((c): c is CellWrite & { sheet: string; ref: string } => 'sheet' in c);
      const refRanges = onSheets.map((c) => (putNames.has(c.sheet.toLowerCase()) ? undefined : wb.worksheets.getItem(c.sheet).getRange(c.ref).load('formulas,numberFormat')));
      try {
        await ctx.sync();
      } catch (err) {
        throw await this.missingTargets(cells, err);
      }

      const sheets: LoadedSheet[] = sheetColl.items.map((s) => ({
        name: s.name,
        visible: s.visibility === 'Visible',
        protected: s.protection.protected,
        ...(s.protection.protected ? { options: s.protection.options } : {}),
      }));
      const names = nameColl.items.map(loadedName);
      const sheetOf = (name: string) => sheets.find((s) => sameName(s.name, name));

      // Refuse before writing: sheets that exist, names that point elsewhere, targets that are not there.
      const conflicts = puts.map((p) => p.sheet.name).filter((n) => sheetOf(n) && !removedNames.has(n.toLowerCase()));
      if (conflicts.length) throw new SheetConflictError(conflicts);
      const replaced = new Set([...putNames, ...removedNames]);
      const wanted = [...puts.flatMap((p) => p.sheet.cells.filter((c) => c.name).map((c) => c.name!)), ...rangeNames.map((r) => r.name)];
      const stale: string[] = [];
      const clashing: string[] = [];
      for (const w of wanted) {
        const existing = names.find((n) => sameName(n.name, w));
        if (!existing) continue;
        // A name left behind by a deleted sheet (#REF!), or on a sheet this write replaces, gives way.
        if (!existing.target ? /#REF!/i.test(existing.refersTo) : replaced.has(existing.target.sheet.toLowerCase())) stale.push(existing.name);
        else clashing.push(w);
      }
      if (clashing.length) throw new NameConflictError(clashing);
      const missing = [
        ...byName.filter((_, i) => !isSingleCell(nameRanges[i]!.address.replace(/^.*!/, '').replace(/\$/g, ''))).map((c) => c.name),
        ...onSheets.filter((c) => !sheetOf(c.sheet) && !putNames.has(c.sheet.toLowerCase())).map((c) => c.sheet),
        ...rangeNames.filter((r) => !putNames.has(r.sheet.toLowerCase()) && !sheetOf(r.sheet)).map((r) => r.sheet),
      ];
      if (missing.length) throw new MissingTargetError([...new Set(missing)]);

      // Where each cell write goes, and what the cell held before.
      const before: Before[] = [];
      const targets = cells.map((c) => {
        if ('name' in c) {
          const i = byName.indexOf(c);
          const r = nameRanges[i]!;
          const at = parseReference(r.address)!;
          before.push({ sheet: at.sheet, ref: at.range, formula: r.formulas[0]![0], numberFormat: r.numberFormat[0]![0] });
          return { sheet: at.sheet, ref: at.range };
        }
        const i = onSheets.indexOf(c);
        const r = refRanges[i];
        if (r) {
          const { from, to } = parseRange(c.ref);
          for (let row = 0; row <= to.row - from.row; row++) {
            for (let col = 0; col <= to.col - from.col; col++) {
              before.push({ sheet: c.sheet, ref: cellRef({ row: from.row + row, col: from.col + col }), formula: r.formulas[row]![col], numberFormat: r.numberFormat[row]![col] });
            }
          }
        }
        return { sheet: c.sheet, ref: c.ref };
      });

      const ops = this.plan(batch, removed.filter((n) => sheetOf(n)), stale, targets, (name) => {
        if (putNames.has(name.toLowerCase())) return undefined;
        return sheetOf(name)?.protected ? name : undefined;
      });
      const chunks = chunk(ops, this.maxRequestBytes);
      const added: string[] = [];
      const addedNames: string[] = [];
      let written = false;
      const session = new Session(ctx);
      try {
        for (const ch of chunks) {
          const unprotect = [...new Set(ch.map((o) => o.protectedSheet).filter((s): s is string => !!s))];
          for (const s of unprotect) session.sheet(s).protection.unprotect();
          for (const o of ch) o.apply(session);
          for (const s of unprotect) session.sheet(s).protection.protect(sheetOf(s)!.options);
          written = true;
          await ctx.sync();
          // Known to be written: what to undo if a later batch fails.
          for (const p of puts) if (!added.includes(p.sheet.name)) added.push(p.sheet.name);
          addedNames.push(...wanted.filter((n) => !addedNames.includes(n)));
        }
      } catch (err) {
        if (!written) throw err;
        // Sheets and names this write may have added, whether or not their batch finished.
        for (const p of puts) if (!added.includes(p.sheet.name)) added.push(p.sheet.name);
        const rolledBack = await rollback(ctx, sheets, names, added, wanted, before);
        throw new OfficeWriteError(err, rolledBack, [...new Set([...added, ...before.map((b) => b.sheet)])]);
      }
    });
  }

  /** The write's operations in the order the port defines, names before the formulas and lists that use them. */
  private plan(batch: WriteBatch, removeSheets: string[], stale: string[], targets: { sheet: string; ref: string }[], protectedSheet: (sheet: string) => string | undefined): Op[] {
    const puts = batch.putSheets ?? [];
    const ops: Op[] = [];
    for (const name of removeSheets) {
      ops.push(op({ remove: name }, (s) => {
        s.ctx.workbook.worksheets.getItem(name).delete();
        s.forget(name);
      }));
    }
    let first = 0;
    for (const p of puts) {
      const position = p.position === 'first' ? first++ : undefined;
      ops.push(op({ add: p.sheet.name, position }, (s) => {
        const ws = s.ctx.workbook.worksheets.add(p.sheet.name);
        if (position !== undefined) ws.position = position;
        s.added(p.sheet.name, ws);
      }));
    }
    for (const n of stale) ops.push(op({ drop: n }, (s) => s.ctx.workbook.names.getItem(n).delete()));
    const addName = (name: string, sheet: string, range: string) =>
      op({ name, sheet, range }, (s) => {
        s.ctx.workbook.names.add(name, s.sheet(sheet).getRange(range));
      });
    for (const p of puts) for (const c of p.sheet.cells) if (c.name) ops.push(addName(c.name, p.sheet.name, c.ref));
    for (const r of batch.names ?? []) ops.push(addName(r.name, r.sheet, r.range));
    for (const p of puts) ops.push(...sheetContentOps(p.sheet));
    (batch.cells ?? []).forEach((c, i) => ops.push(cellWriteOp(c, targets[i]!, protectedSheet(targets[i]!.sheet))));
    for (const p of puts) ops.push(...validationOps(p.sheet));
    for (const p of puts) ops.push(...finishSheetOps(p.sheet));
    const shown = puts.find((p) => !p.sheet.hidden);
    if (shown) ops.push(op({ activate: shown.sheet.name }, (s) => s.sheet(shown.sheet.name).activate()));
    return ops;
  }

  /** Why the checking sync failed: the sheets and names the write needs that are not there. */
  private async missingTargets(cells: readonly CellWrite[], err: unknown): Promise<unknown> {
    const found = await this.read({ sheets: true, names: false, cells: cells.filter((c) => 'name' in c).map((c) => (c as { name: string }).name) });
    const missing = [
      ...[...found.cells].filter(([, v]) => !v.cell).map(([n]) => n),
      ...cells.filter((c) => 'sheet' in c && !found.sheets.some((s) => sameName(s.name, (c as { sheet: string }).sheet))).map((c) => (c as { sheet: string }).sheet),
    ];
    return missing.length ? new MissingTargetError([...new Set(missing)]) : err;
  }
}

/** One cell write: text that Excel would parse gets number format "@" first. */
function cellWriteOp(c: CellWrite, at: { sheet: string; ref: string }, protectedSheet: string | undefined): Op {
  const payload = { at, c };
  return op(payload, (s) => {
    const r = s.sheet(at.sheet).getRange(at.ref);
    if ('formula' in c) r.formulas = [[`=${c.formula}`]];
    else if (c.value === null) r.clear('Contents');
    else if (typeof c.value === 'string') {
      if (needsTextFormat(c.value)) r.numberFormat = [['@']];
      r.values = [[c.value]];
    } else r.values = [[c.value]];
  }, protectedSheet ? { protectedSheet } : {});
}

/** Consecutive operations in batches of at most `limit` estimated bytes (an operation larger than that alone). */
export function chunk(ops: readonly Op[], limit: number): Op[][] {
  const chunks: Op[][] = [];
  let current: Op[] = [];
  let size = 0;
  // Unprotecting and protecting a sheet around a batch costs a little too.
  const wrap = (o: Op) => (o.protectedSheet ? 2 * 200 : 0);
  for (const o of ops) {
    const cost = o.size + wrap(o);
    if (current.length && size + cost > limit) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(o);
    size += cost;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Undoes a write that Excel refused half-way. True when that worked. */
async function rollback(ctx: Excel.RequestContext, sheetsBefore: LoadedSheet[], namesBefore: LoadedName[], added: string[], wanted: string[], before: Before[]): Promise<boolean> {
  try {
    const wb = ctx.workbook;
    // What is there now: a batch that failed may have stopped anywhere.
    const sheetsNow = wb.worksheets.load('items/name');
    const namesNow = wb.names.load('items/name');
    await ctx.sync();
    const has = (items: { name: string }[], n: string) => items.some((x) => sameName(x.name, n));
    for (const n of wanted) if (!has(namesBefore, n) && has(namesNow.items, n)) wb.names.getItem(n).delete();
    for (const name of added) if (has(sheetsNow.items, name)) wb.worksheets.getItem(name).delete();
    const touched = new Set(before.map((b) => b.sheet));
    for (const sheet of touched) {
      const info = sheetsBefore.find((s) => sameName(s.name, sheet));
      const ws = wb.worksheets.getItem(sheet);
      if (info?.protected) ws.protection.unprotect();
      for (const b of before.filter((x) => x.sheet === sheet)) {
        const r = ws.getRange(b.ref);
        r.numberFormat = [[b.numberFormat as string]];
        r.formulas = [[b.formula as string]];
      }
      if (info?.protected) ws.protection.protect(info.options);
    }
    await ctx.sync();
    return true;
  } catch {
    return false;
  }
}

function sameName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function rangeOf(ws: Excel.Worksheet, range?: string): Excel.Range {
  return range ? ws.getRange(range) : ws.getUsedRange(true);
}

function loadedName(item: Excel.NamedItem): LoadedName {
  const refersTo = typeof item.formula === 'string' ? item.formula : String(item.formula);
  const target = item.type === 'Range' ? parseReference(refersTo) : undefined;
  return { name: item.name, refersTo: refersTo.replace(/^=/, ''), ...(target ? { target } : {}) };
}

function namedCell(found: LoadedName | undefined, range: Excel.Range): NamedCellRead {
  const target = found?.target ?? parseReference(range.address);
  if (!target) return {};
  return isSingleCell(target.range) ? { target, cell: cellReadOf(range, 0, 0) } : { target };
}

function rangeRead(sheet: string, range: Excel.Range): RangeRead {
  const at = parseReference(range.address);
  const origin = at ? at.range.split(':')[0]! : 'A1';
  const rows = range.values.map((row, r) => row.map((_, c) => cellReadOf(range, r, c)));
  return { sheet, exists: true, origin, rows };
}

/** A date format has day, month or year codes outside quotes and brackets. */
function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare);
}

/** One cell of a loaded range, as the port describes it. */
export function cellReadOf(range: Excel.Range, r: number, c: number): CellRead {
  const value = range.values[r]![c] as unknown;
  const formula = range.formulas[r]![c] as unknown;
  const kind = range.valueTypes[r]![c];
  const format = String(range.numberFormat[r]![c] ?? 'General');
  const cached = (v: unknown): CellRead['value'] => (v === '' || v === null || v === undefined ? null : (v as number | string | boolean));
  // A formula's text differs from its result; text that starts with "=" is its own value.
  if (typeof formula === 'string' && formula.startsWith('=') && formula !== value) return { type: 'formula', value: cached(value), formula: formula.slice(1) };
  const type: CellType =
    kind === 'Empty' ? 'empty' : kind === 'String' ? 'string' : kind === 'Boolean' ? 'boolean' : kind === 'Error' ? 'error' : kind === 'Double' ? (isDateFormat(format) ? 'date' : 'number') : 'string';
  if (type === 'empty') return { type, value: null };
  // A date is its serial number, as the port describes it.
  if (type === 'date') return { type, value: typeof value === 'number' ? value : null };
  return { type, value: value as number | string | boolean };
}

export { OfficeAdapterError };
export type { CellTarget, SheetSpec };
