/**
 * The one port between the browser-safe core and a workbook. The core never sees ExcelJS or
 * Office.js: it asks a `WorkbookPort` to read or write, and each call is one batch, so the same
 * core code serves a file (the ExcelJS adapter in `src/xlsx/`) and the workbook open in Excel
 * (the Office.js adapter in `src/office/`). A user action is written as at most one `read` and
 * one `write`; a write can bring back the read of what it leaves (`thenRead`).
 *
 * Addresses are A1 references without `$` on one sheet ("C4", "A6:T109"). Formulas are given
 * without the leading "=". A string value is always text, never a formula, whatever it starts
 * with: adapters write it so that Excel does not parse it.
 */
import type { FormulaValue } from '../scoring/excel';
import type { RangeName, SheetSpec } from './description';

/** What a cell holds, as a reader meets it. */
export type CellType = 'empty' | 'number' | 'string' | 'boolean' | 'date' | 'error' | 'formula';

export interface CellRead {
  type: CellType;
  /**
   * The value: a number, text or boolean; the error's text ("#N/A") for an error; the cached
   * result for a formula (null when there is none); a date's serial number (Excel's 1900 date
   * system, 42916 for 30-06-2017); null for an empty cell.
   */
  value: number | string | boolean | null;
  /** The formula text without "=", for type "formula" (a shared formula is read as its own text). */
  formula?: string;
}

export interface SheetInfo {
  name: string;
  visible: boolean;
}

export interface NameInfo {
  name: string;
  /** The sheet a sheet-scoped name belongs to; null for a workbook-level name. */
  scope: string | null;
  /** What the name refers to, as the workbook stores it ("'Kommune'!$C$3"). */
  refersTo: string;
  /** The range it points at, when it points at one range on one sheet ("C3" or "A6:A9"). */
  target?: { sheet: string; range: string };
}

/**
 * The built-in sheet-scoped names a sheet gets from its page setup (print area, print titles) or
 * its autofilter, lower-cased: a rewrite carries them with the sheet, and an upgrade makes them anew.
 */
export const BUILT_IN_NAMES: ReadonlySet<string> = new Set(['_xlnm.print_area', '_xlnm.print_titles', '_xlnm._filterdatabase']);

/** A workbook-level name's target and, when it is one cell on a sheet that exists, the cell. */
export interface NamedCellRead {
  /** Absent when the workbook has no such workbook-level name. */
  target?: { sheet: string; range: string };
  /** Present when the target is a single cell on an existing sheet. */
  cell?: CellRead;
}

export interface RangeRequest {
  sheet: string;
  /** "A1:T109"; absent for the sheet's used range. */
  range?: string;
}

export interface RangeRead {
  sheet: string;
  /** The range asked for; absent for a used range. */
  range?: string;
  /** False when the workbook has no such sheet (rows is then empty). */
  exists: boolean;
  /** The address of rows[0][0]. */
  origin: string;
  rows: CellRead[][];
}

export interface ReadRequest {
  /** List the sheets. */
  sheets?: boolean;
  /** List every defined name, workbook-level and sheet-scoped. */
  names?: boolean;
  /** Workbook-level names whose single cell to read. */
  cells?: readonly string[];
  /** Ranges to read, in this order. */
  ranges?: readonly RangeRequest[];
  /** List the cells that hold a note (a comment), on every sheet. */
  notes?: boolean;
}

export interface ReadResult {
  sheets: SheetInfo[];
  names: NameInfo[];
  cells: Map<string, NamedCellRead>;
  ranges: RangeRead[];
  /** The cells that hold a note, when asked for; absent when the adapter cannot tell. */
  notes?: { sheet: string; cell: string }[];
  /**
   * Whether the formula results read are calculated: 'done' when the host says Excel has
   * calculated every change, 'pending' when it has not (manual calculation, or still
   * calculating). Absent when the adapter cannot tell (a file's cached results; an older Excel).
   */
  calculation?: 'done' | 'pending';
}

export type CellTarget = { name: string } | { sheet: string; ref: string };

export type CellWrite = CellTarget &
  (
    | { value: number | string | boolean | null }
    /** A formula with the result the TypeScript mirror computes for it (stored as its cached result). */
    | { formula: string; result?: FormulaValue }
  );

/**
 * One batch of changes, applied in this order: sheets removed, sheets put (described sheets with
 * their styles, merges, validation, protection and cell names), cells written, range names added.
 */
export interface WriteBatch {
  /**
   * Named cells that must hold these values, or nothing is written (`ExpectationError`): the
   * workbook has not changed since the batch was planned from it.
   */
  expect?: readonly { name: string; value: number | string | boolean | null }[];
  /** Sheets that give way to the put sheets; those not in the workbook are skipped. */
  removeSheets?: readonly string[];
  putSheets?: readonly { sheet: SheetSpec; position?: 'first' | 'last' }[];
  cells?: readonly CellWrite[];
  names?: readonly RangeName[];
  /**
   * A read of the workbook as the write leaves it, in the same request as the write where the
   * adapter can (so that an action and what it leaves cost one round trip).
   */
  thenRead?: ReadRequest;
}

/** Whether a cell's value is what a batch expects: blank is blank, anything else compared as text (a version "1.1" stored as a number is still 1.1). */
export function holdsExpected(actual: unknown, expected: number | string | boolean | null): boolean {
  const blank = (v: unknown) => v === null || v === undefined || v === '';
  if (blank(actual) || blank(expected)) return blank(actual) && blank(expected);
  return String(actual) === String(expected);
}

/** A write refused before anything changed: a named cell no longer holds what the batch expects. */
export class ExpectationError extends Error {
  constructor(readonly changed: readonly string[]) {
    super(`Projektmappen er ændret, siden ændringen blev forberedt (${changed.join(', ')}). Prøv igen.`);
  }
}

export interface WorkbookPort {
  read(request: ReadRequest): Promise<ReadResult>;
  /** Applies the batch; resolves the `thenRead` read when the batch has one. */
  write(batch: WriteBatch): Promise<ReadResult | undefined>;
}
