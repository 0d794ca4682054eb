/// <reference types="office-js" />
/**
 * The workbook port (src/workbook/port.ts) for the workbook open in Excel, with Office.js. The
 * only code that calls `Excel.run`.
 *
 * Syncs: a read is one `context.sync` when the last read found every sheet and name it asked for
 * (the usual case once a workbook holds the template), else two: one to list the sheets and names,
 * one to read what is there (a workbook without the template, an older template). Listing the
 * sheet-scoped names costs one more. A write is one sync that checks everything it needs
 * (sheets, names, protection, the cells' contents before the write) and refuses before writing
 * anything, then one sync that writes (and reads what the batch's `thenRead` asks, after the
 * writes, in the same request); a long write is cut into batches under `maxRequestBytes` (Excel
 * on the web refuses requests over 5 MB), one sync each. Sheets that give way to new ones are
 * renamed first and deleted last. Office.js batches are not transactional: when Excel refuses
 * part of a write, what was written is undone in one more sync (added sheets and names removed,
 * the renamed sheets and dropped names given back, cells given back their formulas or values and
 * formats) and the error says so.
 */
import type { RangeName, SheetSpec } from '../workbook/description';
import { ExpectationError, holdsExpected, type CellRead, type CellTarget, type CellType, type CellWrite, type NameInfo, type NamedCellRead, type RangeRead, type ReadRequest, type ReadResult, type SheetInfo, type WorkbookPort, type WriteBatch } from '../workbook/port';
import { cellRef, isSingleCell, parseRange, parseReference } from './a1';
import { nativeOps, type NativeFeatures } from './charts';
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
  /** Read Excel's calculation state with every read (the host has ExcelApi 1.9). */
  calculationState?: boolean;
  /**
   * What the host can draw natively for a put sheet (charts, print setup; see charts.ts): drawn
   * in the write's own batches, before the sheet is protected. Default: nothing (in-cell bars only).
   */
  native?: NativeFeatures;
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
  private readonly calculationState: boolean;
  private readonly native: NativeFeatures | undefined;

  /** What this adapter draws natively for a put sheet (undefined: nothing but in-cell bars). */
  get nativeFeatures(): NativeFeatures | undefined {
    return this.native;
  }
  /** Whether the last read found every sheet and name it asked for: the next one then reads in one sync. */
  private expectComplete = false;

  constructor(options: OfficeWorkbookOptions = {}) {
    this.run = options.run ?? ((batch) => Excel.run(batch));
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.calculationState = options.calculationState ?? false;
    this.native = options.native;
  }

  // ---------------------------------------------------------------- read

  async read(request: ReadRequest): Promise<ReadResult> {
    if (!this.expectComplete && (request.cells?.length || request.ranges?.length)) return this.readCarefully(request);
    return this.run(async (ctx) => {
      const wb = ctx.workbook;
      const sheets = wb.worksheets.load('items/name,items/visibility');
      const names = wb.names.load('items/name,items/type,items/formula');
      // Optimistic: every requested sheet and name is there (the usual case), so one sync reads all.
      const cellRanges = (request.cells ?? []).map((n) => wb.names.getItem(n).getRange().load(RANGE_PROPS));
      const ranges = (request.ranges ?? []).map((r) => rangeOf(wb.worksheets.getItem(r.sheet), r.range).load(RANGE_PROPS));
      const calculation = this.queueCalculation(ctx);
      try {
        await ctx.sync();
      } catch (err) {
        if (!cellRanges.length && !ranges.length) throw err;
        // Something was removed since the last read.
        this.expectComplete = false;
        return this.readCarefully(request);
      }
      const sheetList = sheets.items.map((s) => ({ name: s.name, visible: s.visibility === 'Visible' }));
      const workbookNames = names.items.map(loadedName);
      const result: ReadResult = { sheets: request.sheets ? sheetList : [], names: [], cells: new Map(), ranges: [], ...calculation() };
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
      const workbookNames = names.items.map(loadedName);
      const finish = this.queueRead(ctx, request, sheetList, workbookNames);
      await ctx.sync();
      const result = finish();
      if (request.names) result.names = await this.sheetScopedNames(ctx, sheetList, workbookNames);
      return result;
    });
  }

  /**
   * Queues the loads of a read in a workbook whose sheets and names are known (listed by an
   * earlier sync, or what a write leaves): nothing it loads can be missing, so the sync cannot
   * fail for it. Returns what makes the result after the sync (without the sheet-scoped names).
   */
  private queueRead(ctx: Excel.RequestContext, request: ReadRequest, sheetList: SheetInfo[], workbookNames: LoadedName[]): () => ReadResult {
    const wb = ctx.workbook;
    const exists = (sheet: string) => sheetList.some((s) => sameName(s.name, sheet));
    const cellTargets = (request.cells ?? []).map((n) => {
      const found = workbookNames.find((x) => sameName(x.name, n));
      const cell = found?.target && isSingleCell(found.target.range) && exists(found.target.sheet) ? wb.worksheets.getItem(found.target.sheet).getRange(found.target.range).load(RANGE_PROPS) : undefined;
      return { found, cell };
    });
    const ranges = (request.ranges ?? []).map((r) => (exists(r.sheet) ? rangeOf(wb.worksheets.getItem(r.sheet), r.range).load(RANGE_PROPS) : undefined));
    const calculation = this.queueCalculation(ctx);
    return () => {
      const result: ReadResult = { sheets: request.sheets ? sheetList : [], names: [], cells: new Map(), ranges: [], ...calculation() };
      (request.cells ?? []).forEach((n, i) => {
        const { found, cell } = cellTargets[i]!;
        result.cells.set(n, found?.target ? { target: found.target, ...(cell ? { cell: cellReadOf(cell, 0, 0) } : {}) } : {});
      });
      (request.ranges ?? []).forEach((r, i) => {
        const range = ranges[i];
        const asked = r.range ? { range: r.range } : {};
        result.ranges.push(range ? { ...rangeRead(r.sheet, range), ...asked } : { sheet: r.sheet, ...asked, exists: false, origin: r.range?.split(':')[0] ?? 'A1', rows: [] });
      });
      this.expectComplete = cellTargets.every((t) => t.found?.target && exists(t.found.target.sheet)) && ranges.every((r) => r !== undefined);
      return result;
    };
  }

  /** Queues Excel's calculation state (ExcelApi 1.9) where the host has it: whether the results read are calculated. */
  private queueCalculation(ctx: Excel.RequestContext): () => Pick<ReadResult, 'calculation'> {
    if (!this.calculationState) return () => ({});
    const app = ctx.workbook.application.load('calculationState');
    return () => ({ calculation: String(app.calculationState) === 'Done' ? 'done' : 'pending' });
  }

  /** Every defined name: the workbook's, and each sheet's (one more sync, as Office.js lists them per sheet). */
  private async sheetScopedNames(ctx: Excel.RequestContext, sheets: { name: string }[], workbookNames: LoadedName[]): Promise<NameInfo[]> {
    const perSheet = sheets.map((s) => ctx.workbook.worksheets.getItem(s.name).names.load('items/name,items/type,items/formula'));
    await ctx.sync();
    const info = (n: LoadedName, scope: string | null): NameInfo => ({ name: n.name, scope, refersTo: n.refersTo, ...(n.target ? { target: n.target } : {}) });
    return [...workbookNames.map((n) => info(n, null)), ...perSheet.flatMap((c, i) => c.items.map((item) => info(loadedName(item), sheets[i]!.name)))];
  }

  // ---------------------------------------------------------------- write

  async write(batch: WriteBatch): Promise<ReadResult | undefined> {
    const puts = batch.putSheets ?? [];
    const cells = batch.cells ?? [];
    const rangeNames = batch.names ?? [];
    const removed = batch.removeSheets ?? [];
    if (!puts.length && !cells.length && !rangeNames.length && !removed.length) return batch.thenRead ? this.read(batch.thenRead) : undefined;

    return this.run(async (ctx) => {
      const wb = ctx.workbook;
      // Sync 1: what the write needs to know, before anything changes.
      const sheetColl = wb.worksheets.load('items/name,items/visibility,items/protection/protected,items/protection/options');
      const nameColl = wb.names.load('items/name,items/type,items/formula');
      const putNames = new Set(puts.map((p) => p.sheet.name.toLowerCase()));
      const removedNames = new Set(removed.map((s) => s.toLowerCase()));
      const expected = (batch.expect ?? []).map((e) => ({ ...e, range: wb.names.getItem(e.name).getRange().load('values') }));
      const byName = cells.filter((c): c is CellWrite & { name: string } => 'name' in c);
      const nameRanges = byName.map((c) => wb.names.getItem(c.name).getRange().load('address,formulas,numberFormat'));
      const onSheets = cells.filter((c): c is CellWrite & { sheet: string; ref: string } => 'sheet' in c);
      const refRanges = onSheets.map((c) => (putNames.has(c.sheet.toLowerCase()) ? undefined : wb.worksheets.getItem(c.sheet).getRange(c.ref).load('formulas,numberFormat')));
      try {
        await ctx.sync();
      } catch (err) {
        throw await this.missingTargets([...cells, ...(batch.expect ?? []).map((e) => ({ name: e.name, value: null }))], err);
      }

      const changed = expected.filter((e) => !holdsExpected(e.range.values[0]![0], e.value)).map((e) => e.name);
      if (changed.length) throw new ExpectationError(changed);
      const sheets: LoadedSheet[] = sheetColl.items.map((s) => ({
        name: s.name,
        visible: s.visibility === 'Visible',
        protected: s.protection.protected,
        ...(s.protection.protected ? { options: s.protection.options } : {}),
      }));
      const names = nameColl.items.map(loadedName);
      const sheetOf = (name: string) => sheets.find((s) => sameName(s.name, name));
      const removing = removed.map((n) => sheetOf(n)?.name).filter((n): n is string => !!n);

      // Refuse before writing: sheets that exist, names that point elsewhere, targets that are not there.
      const conflicts = puts.map((p) => p.sheet.name).filter((n) => sheetOf(n) && !removedNames.has(n.toLowerCase()));
      if (conflicts.length) throw new SheetConflictError(conflicts);
      const replaced = new Set([...putNames, ...removedNames]);
      const wanted = [...puts.flatMap((p) => p.sheet.cells.filter((c) => c.name).map((c) => c.name!)), ...rangeNames.map((r) => r.name)];
      const stale: LoadedName[] = [];
      const clashing: string[] = [];
      for (const w of wanted) {
        const existing = names.find((n) => sameName(n.name, w));
        if (!existing) continue;
        // A name left behind by a deleted sheet (#REF!), or on a sheet this write replaces, gives way.
        if (!existing.target ? /#REF!/i.test(existing.refersTo) : replaced.has(existing.target.sheet.toLowerCase())) stale.push(existing);
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

      // Sheets that give way are renamed out of the way first and deleted last, so that a write
      // Excel refuses half-way can give them back.
      const parked = removing.map((name, i) => ({ name, parkedAs: parkingName(i, sheets) }));
      const ops = this.plan(batch, parked, stale.map((n) => n.name), targets, (name) => {
        if (putNames.has(name.toLowerCase())) return undefined;
        return sheetOf(name)?.protected ? name : undefined;
      });
      const chunks = chunk(ops, this.maxRequestBytes);
      let written = false;
      const session = new Session(ctx);
      let finishRead: (() => ReadResult) | undefined;
      try {
        for (const [i, ch] of chunks.entries()) {
          const unprotect = [...new Set(ch.map((o) => o.protectedSheet).filter((s): s is string => !!s))];
          for (const s of unprotect) session.sheet(s).protection.unprotect();
          for (const o of ch) o.apply(session);
          for (const s of unprotect) session.sheet(s).protection.protect(sheetOf(s)!.options);
          if (batch.thenRead && i === chunks.length - 1) finishRead = this.queueRead(ctx, batch.thenRead, sheetsAfter(sheets, removing, puts), namesAfter(names, stale, removing, puts, rangeNames));
          written = true;
          await ctx.sync();
        }
      } catch (err) {
        if (!written) throw err;
        const rolledBack = await rollback(ctx, { sheets, names, puts: puts.map((p) => p.sheet.name), parked, stale, wanted, before });
        throw new OfficeWriteError(err, rolledBack, [...new Set([...puts.map((p) => p.sheet.name), ...removing, ...before.map((b) => b.sheet)])]);
      }
      if (!finishRead) return undefined;
      const result = finishRead();
      if (batch.thenRead?.names) result.names = await this.sheetScopedNames(ctx, result.sheets, namesAfter(names, stale, removing, puts, rangeNames));
      return result;
    });
  }

  /** The write's operations in the order the port defines, names before the formulas and lists that use them; parked sheets deleted last. */
  private plan(batch: WriteBatch, parked: Parked[], stale: string[], targets: { sheet: string; ref: string }[], protectedSheet: (sheet: string) => string | undefined): Op[] {
    const puts = batch.putSheets ?? [];
    const ops: Op[] = [];
    for (const p of parked) {
      ops.push(op({ park: p.name, as: p.parkedAs }, (s) => {
        s.ctx.workbook.worksheets.getItem(p.name).name = p.parkedAs;
        s.forget(p.name);
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
    if (this.native) for (const p of puts) ops.push(...nativeOps(p.sheet, this.native));
    for (const p of puts) ops.push(...finishSheetOps(p.sheet));
    const shown = puts.find((p) => !p.sheet.hidden);
    if (shown) ops.push(op({ activate: shown.sheet.name }, (s) => s.sheet(shown.sheet.name).activate()));
    for (const p of parked) ops.push(op({ remove: p.parkedAs }, (s) => s.ctx.workbook.worksheets.getItem(p.parkedAs).delete()));
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

/** A sheet that gives way, renamed until the write is done. */
interface Parked {
  name: string;
  parkedAs: string;
}

/** A sheet name no sheet has (Excel allows 31 characters). */
function parkingName(i: number, sheets: readonly LoadedSheet[]): string {
  for (let n = i; ; n += 100) {
    const name = `parathed-gammel-${n}`;
    if (!sheets.some((s) => sameName(s.name, name))) return name;
  }
}

/** The sheets as a write leaves them. */
function sheetsAfter(sheets: readonly LoadedSheet[], removing: readonly string[], puts: WriteBatch['putSheets'] & object): SheetInfo[] {
  const kept = sheets.filter((s) => !removing.includes(s.name)).map((s) => ({ name: s.name, visible: s.visible }));
  const added = puts.map((p) => ({ name: p.sheet.name, visible: !p.sheet.hidden }));
  return [...added.filter((_, i) => puts[i]!.position === 'first'), ...kept, ...added.filter((_, i) => puts[i]!.position !== 'first')];
}

/** The workbook's names as a write leaves them. */
function namesAfter(names: readonly LoadedName[], stale: readonly LoadedName[], removing: readonly string[], puts: WriteBatch['putSheets'] & object, rangeNames: readonly RangeName[]): LoadedName[] {
  const gone = (n: LoadedName) => stale.includes(n) || (n.target && removing.some((r) => sameName(r, n.target!.sheet)));
  const put = (name: string, sheet: string, range: string): LoadedName => ({ name, refersTo: `${sheet}!${range}`, target: { sheet, range } });
  return [
    ...names.filter((n) => !gone(n)),
    ...puts.flatMap((p) => p.sheet.cells.filter((c) => c.name).map((c) => put(c.name!, p.sheet.name, c.ref))),
    ...rangeNames.map((r) => put(r.name, r.sheet, r.range)),
  ];
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

/** What a write changed, to undo it. */
interface Undo {
  sheets: LoadedSheet[];
  names: LoadedName[];
  /** The sheets the write adds. */
  puts: string[];
  parked: Parked[];
  /** Names the write dropped to make way for its own. */
  stale: LoadedName[];
  /** Names the write adds. */
  wanted: string[];
  before: Before[];
}

/**
 * Undoes a write that Excel refused half-way: its sheets and names removed, the sheets it
 * parked given back their names, the names it dropped added again, cells given back their
 * contents. True when that worked.
 */
async function rollback(ctx: Excel.RequestContext, u: Undo): Promise<boolean> {
  try {
    const wb = ctx.workbook;
    // What is there now: a batch that failed may have stopped anywhere.
    const sheetsNow = wb.worksheets.load('items/name');
    const namesNow = wb.names.load('items/name');
    await ctx.sync();
    const has = (items: { name: string }[], n: string) => items.some((x) => sameName(x.name, n));
    for (const n of u.wanted) if (has(namesNow.items, n)) wb.names.getItem(n).delete();
    // A put sheet's name still held by a sheet the write did not get to park is that old sheet: kept.
    const unparked = (name: string) => u.parked.some((p) => sameName(p.name, name) && !has(sheetsNow.items, p.parkedAs));
    for (const name of u.puts) if (has(sheetsNow.items, name) && !unparked(name)) wb.worksheets.getItem(name).delete();
    for (const p of u.parked) if (has(sheetsNow.items, p.parkedAs)) wb.worksheets.getItem(p.parkedAs).name = p.name;
    for (const n of u.stale) wb.names.add(n.name, `=${n.refersTo}`);
    const touched = new Set(u.before.map((b) => b.sheet));
    for (const sheet of touched) {
      const info = u.sheets.find((s) => sameName(s.name, sheet));
      const ws = wb.worksheets.getItem(sheet);
      if (info?.protected) ws.protection.unprotect();
      for (const b of u.before.filter((x) => x.sheet === sheet)) {
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
