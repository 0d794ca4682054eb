/**
 * A pull session: the one flow by which `parathed fetch` and the task pane bring a pull's figures
 * into a workbook through the port. After the workbook was read once and the figures pulled:
 *
 * 1. `preview()` lists what the pull would change, per indicator (old → new), and which of those
 *    cells hold a value typed by hand;
 * 2. the caller chooses, per indicator with typed cells, to keep them or replace them;
 * 3. `execute()` writes indicator by indicator: just before each indicator it reads that
 *    indicator's input cells again (an edit made meanwhile holds the indicator, so it is not
 *    lost), writes its cells, its Data sheet columns and the log in writes of at most
 *    `cellsPerWrite` cells, and reports progress; a cancelled signal stops it between indicators,
 *    so what was written is whole per indicator; the cached results of every formula come last.
 *
 * Every write expects the municipality (`Kommune_Navn`) read when the pull started (or the one the
 * pull itself filled in): when it changed meanwhile, nothing more is written and `execute` throws
 * `KommuneChangedError`. `Hentet_Kommune_Kode` goes in the first write, so a workbook where a pull
 * stopped half-way says whose figures it partly holds.
 *
 * Each step's writes are the difference between the plan with the indicators written so far and
 * the plan with the next one too, so the cells a session writes in the end are the cells one
 * plan of the whole pull writes. Pure apart from the port it is given: browser-safe.
 */
import type { Kommune } from '../model/geography';
import type { FigureSource } from '../model/sources';
import type { CellValue } from '../scoring/excel';
import type { SheetSpec } from '../workbook/description';
import { DATA_SHEET, LOG_SHEET } from '../workbook/layout';
import { KOMMUNE_NAMES } from '../model/names';
import { ExpectationError, type CellWrite, type WorkbookPort } from '../workbook/port';
import { rawValue, type WorkbookRead } from '../workbook/reader';
import { cachedResultWrites } from '../workbook/refresh';
import { logLastRow } from '../workbook/data-reader';
import { describeDataSheet } from '../workbook/sheets/data';
import { LOG_FIRST_ROW, describeLogSheet } from '../workbook/sheets/log';
import { describeWorkbook } from '../workbook/template';
import type { Assessment } from '../model/schema';
import { planPull, sameValue, type CellChange, type IndicatorOutcome, type PullPlan } from './plan';
import type { PullResult } from './pull';

/**
 * Cells per write. Excel on the web refuses a request or response over 5 MB ("Resource limits
 * and performance optimization for Office Add-ins", learn.microsoft.com/office/dev/add-ins/
 * concepts/resource-limits-and-performance-optimization, "Excel add-ins"); the Office adapter
 * estimates a written cell at a few hundred bytes (its per-call overhead is 120 bytes plus the
 * payload), so 2,000 cells stay near 1 MB, well under the limit, and the Data sheet's columns for
 * all 98 municipalities take one or two writes an indicator. The Office adapter also cuts each
 * write into requests under its own byte limit; this bound keeps each write, and each undo, small.
 */
export const DEFAULT_CELLS_PER_WRITE = 2_000;

/** Keep the hand-typed cells of an indicator, or replace them with the pulled figures. */
export type TypedChoice = 'keep' | 'replace';
/** The choice per indicator id (indicators not named keep their typed cells), or one rule for all. */
export type TypedChoices = Readonly<Record<string, TypedChoice>> | ((indicator: string) => TypedChoice);

export interface IndicatorPreview extends Omit<IndicatorOutcome, 'status'> {
  /** "skrevet": the pull has figures for it; "fejl": it failed (message says why). */
  status: 'skrevet' | 'fejl';
  /** Every input cell the pull would change if the typed cells are replaced, old → new. */
  changes: CellChange[];
  /** The cells among `changes` that hold a value typed by hand: the user keeps or replaces them. */
  typed: CellChange[];
}

export interface PullPreview {
  indicators: IndicatorPreview[];
  /** Cells changed whatever is chosen: the municipality's name when blank, whose figures the workbook holds. */
  common: CellChange[];
}

export interface IndicatorProgress {
  indicator: string;
  /** Indicators handled so far, this one included, of `total` (those the pull has figures for). */
  done: number;
  total: number;
  /** "skrevet"; "bevaret" when kept (typed cells kept, edited meanwhile, or cancelled). */
  status: IndicatorOutcome['status'];
}

export interface SessionOptions {
  /** Where the figures come from (Statistics Denmark unless replayed from constructed responses). */
  source?: FigureSource;
  /** Appended to the message of an indicator kept for its typed cells (the CLI names --replace-typed). */
  typedHint?: string;
}

export interface ExecuteOptions {
  /** Stops the session between indicators; those not yet written are kept (status "bevaret"). */
  signal?: AbortSignal;
  /** Most cells in one port write (default DEFAULT_CELLS_PER_WRITE). */
  cellsPerWrite?: number;
  onIndicator?: (p: IndicatorProgress) => void;
  /** Further described sheets whose formulas' cached results change with the pull (an existing summary). */
  alsoRefresh?: (plan: PullPlan) => readonly SheetSpec[];
  /** Write the cached results of every formula at the end (default true; a live Excel computes its own). */
  cachedResults?: boolean;
}

export interface SessionRun {
  /** The plan of what was written: its outcomes say per indicator what happened. */
  plan: PullPlan;
  /** The indicators written, in order. */
  written: string[];
  /** Indicators held because one of their cells changed while the pull ran. */
  edited: string[];
  cancelled: boolean;
  /** Port writes made. */
  writes: number;
}

/** The message of an indicator not written because the session was cancelled before it. */
export const CANCELLED_MESSAGE = 'Hentningen blev afbrudt, før indikatoren blev skrevet; den er ikke ændret.';
/** The message of an indicator held because one of its cells changed while the pull ran. */
export const EDITED_MESSAGE = 'En af indikatorens celler blev ændret i projektmappen under hentningen; indikatoren er ikke ændret (hent igen for at se forskellen).';

/**
 * The municipality in the workbook changed while the pull wrote: nothing more is written. An
 * `ExpectationError`, so a caller that says "the workbook changed" for those says this message.
 */
export class KommuneChangedError extends ExpectationError {
  constructor(
    /** The municipality the pull was for. */
    readonly kommune: Kommune,
    /** The indicators written before the change was seen. */
    readonly written: readonly string[],
  ) {
    super([KOMMUNE_NAMES.navn]);
    this.name = 'KommuneChangedError';
    this.message =
      `Kommunen i projektmappen (${KOMMUNE_NAMES.navn}) er ændret, mens tallene for ${kommune.navn} blev skrevet; hentningen er stoppet, og der er ikke skrevet mere. ` +
      (written.length > 0
        ? `${written.length === 1 ? 'Én indikator' : `${written.length} indikatorer`} nåede at blive skrevet med tallene for ${kommune.navn} (${KOMMUNE_NAMES.hentetKode} er ${kommune.dstCode}). `
        : '') +
      'Hent tallene igen for den kommune, projektmappen nu er udfyldt for.';
  }
}

const choiceOf = (choices: TypedChoices, indicator: string): TypedChoice =>
  typeof choices === 'function' ? choices(indicator) : (choices[indicator] ?? 'keep');

/** Cut a list of cell writes into pieces of at most `limit`. */
export function chunkCells<T>(cells: readonly T[], limit: number): T[][] {
  const size = Math.max(1, Math.floor(limit));
  const out: T[][] = [];
  for (let i = 0; i < cells.length; i += size) out.push(cells.slice(i, i + size));
  return out;
}

/** The plain values of the Data and log sheets, by sheet and address. */
type SheetValues = Map<string, Map<string, CellValue>>;

/** A described sheet's plain values by address (formulas are left to the cached results). */
function valuesOf(sheet: SheetSpec): Map<string, CellValue> {
  return new Map(sheet.cells.filter((c) => c.formula === undefined).map((c) => [c.ref, c.value ?? null]));
}

export class PullSession {
  private readonly assessment: Assessment;
  private readonly cells: Map<string, CellValue>;

  /**
   * `before` is the one read of the workbook the pull is written into (`readThroughPort`, with the
   * summary's used range when it should be refreshed); it must hold a valid assessment.
   */
  constructor(
    private readonly port: WorkbookPort,
    private readonly before: WorkbookRead,
    readonly pulled: PullResult,
    readonly kommune: Kommune,
    private readonly opts: SessionOptions = {},
  ) {
    if (!before.result.assessment) throw new Error('PullSession needs a workbook read without problems');
    this.assessment = before.result.assessment;
    this.cells = before.result.cells;
  }

  /** The plan of the whole pull for these choices (throws a ZodError when figures do not fit the model). */
  plan(choices: TypedChoices, hold?: ReadonlyMap<string, string>): PullPlan {
    return planPull(this.assessment, this.cells, this.before.data, this.pulled, this.kommune, {
      replaceTyped: (indicator) => choiceOf(choices, indicator) === 'replace',
      ...(this.opts.source ? { source: this.opts.source } : {}),
      ...(hold ? { hold } : {}),
      ...(this.opts.typedHint ? { typedHint: this.opts.typedHint } : {}),
    });
  }

  /** What the pull would change, per indicator, and which cells hold values typed by hand. */
  preview(): PullPreview {
    const plan = this.plan(() => 'replace');
    const owner = new Map<string, string>();
    for (const [indicator, names] of Object.entries(plan.targets)) for (const n of names) owner.set(n, indicator);
    const indicators = plan.outcomes.map((o): IndicatorPreview => {
      const changes = plan.changed.filter((c) => owner.get(c.name) === o.indicator);
      // An indicator that fails is written by no choice: its outcome (and message) is the preview.
      const { status, message, ...rest } = o;
      return { ...rest, status: status === 'fejl' ? 'fejl' : 'skrevet', ...(status === 'fejl' && message ? { message } : {}), changes, typed: changes.filter((c) => c.forced) };
    });
    return { indicators, common: plan.changed.filter((c) => !owner.has(c.name)) };
  }

  /**
   * Writes the pull indicator by indicator, with the given choice for typed cells. A port error
   * stops it and is thrown: the indicators written before it are whole and logged; the one being
   * written may be partly written when its cells took several writes (its input cells come first,
   * the log last, so a value not logged counts as typed by hand next time and is not overwritten).
   */
  async execute(choices: TypedChoices, opts: ExecuteOptions = {}): Promise<SessionRun> {
    const limit = opts.cellsPerWrite ?? DEFAULT_CELLS_PER_WRITE;
    const full = this.plan(choices);
    const order = full.outcomes.filter((o) => o.status === 'skrevet').map((o) => o.indicator);
    const total = full.outcomes.filter((o) => o.status !== 'fejl').length;
    const hold = new Map<string, string>(order.map((i) => [i, CANCELLED_MESSAGE]));
    const written: string[] = [];
    const edited: string[] = [];
    let cancelled = false;
    let writes = 0;
    let done = 0;
    let previous: PullPlan | undefined;
    let sheets: SheetValues | undefined;
    let current: PullPlan | undefined;
    // The municipality every write expects: the one read when the pull started, or the one the
    // pull wrote into a blank Kommune_Navn.
    let kommuneNavn = this.cells.get(KOMMUNE_NAMES.navn) ?? null;
    const write = async (cells: CellWrite[]) => {
      for (const chunk of chunkCells(cells, limit)) {
        try {
          await this.port.write({ expect: [{ name: KOMMUNE_NAMES.navn, value: kommuneNavn }], cells: chunk });
        } catch (err) {
          if (err instanceof ExpectationError && err.changed.includes(KOMMUNE_NAMES.navn)) throw new KommuneChangedError(this.kommune, [...written]);
          throw err;
        }
        writes++;
        for (const c of chunk) if ('name' in c && c.name === KOMMUNE_NAMES.navn && 'value' in c) kommuneNavn = c.value;
      }
    };
    // Indicators kept for their typed cells are reported as they come.
    for (const o of full.outcomes.filter((x) => x.status === 'bevaret')) opts.onIndicator?.({ indicator: o.indicator, done: ++done, total, status: 'bevaret' });

    // No indicator to write (all kept for their typed cells): the common cells still are (a blank
    // municipality's name).
    if (order.length === 0 && !opts.signal?.aborted) {
      current = this.plan(choices, hold);
      if (current.changed.length > 0) {
        await write(this.stepWrites(undefined, current).cells);
        previous = current;
      }
    }
    for (const indicator of order) {
      if (opts.signal?.aborted) {
        cancelled = true;
        break;
      }
      // The indicator's cells as they are now: one changed since the read is an edit made meanwhile.
      const names = full.targets[indicator] ?? [];
      const fresh = names.length > 0 ? await this.port.read({ cells: names }) : undefined;
      const changedMeanwhile = names.some((n) => {
        const cell = fresh?.cells.get(n)?.cell;
        const now = cell ? rawValue(cell) : { value: null };
        return !('value' in now) || !sameValue(now.value, this.cells.get(n) ?? null);
      });
      if (changedMeanwhile) {
        hold.set(indicator, EDITED_MESSAGE);
        edited.push(indicator);
        opts.onIndicator?.({ indicator, done: ++done, total, status: 'bevaret' });
        continue;
      }
      hold.delete(indicator);
      const next = this.plan(choices, hold);
      const step = this.stepWrites(previous, next, sheets);
      await write(step.cells);
      sheets = step.sheets;
      previous = next;
      current = next;
      written.push(indicator);
      opts.onIndicator?.({ indicator, done: ++done, total, status: 'skrevet' });
    }
    if (cancelled) for (const i of order.filter((x) => hold.get(x) === CANCELLED_MESSAGE)) opts.onIndicator?.({ indicator: i, done: ++done, total, status: 'bevaret' });
    // Nothing written: the plan with every indicator held says why.
    current ??= this.plan(choices, hold);
    if (previous && (opts.cachedResults ?? true)) {
      const refresh = [...describeWorkbook(current.assessment, current.data).sheets, ...(opts.alsoRefresh?.(current) ?? [])];
      await write(cachedResultWrites(refresh, this.before.view));
    }
    // Nothing written: the plan's common cells (a blank municipality's name) were not written either.
    return { plan: previous ? current : { ...current, changed: [] }, written, edited, cancelled, writes };
  }

  /**
   * The cells that take the workbook from `prev` (undefined: as read) to `next`: the input cells
   * whose new value differs, and the Data and log sheets' values that differ from `prevSheets`,
   * the previous step's (all of them the first time, with any older, longer log cleared). Returns
   * the next step's sheet values too.
   */
  private stepWrites(prev: PullPlan | undefined, next: PullPlan, prevSheets?: SheetValues): { cells: CellWrite[]; sheets: SheetValues } {
    const cells: CellWrite[] = [];
    const before = new Map(prev?.changed.map((c) => [c.name, c.new]) ?? []);
    // The municipality's cells first: whose figures these are is in the first write.
    const own = (name: string) => (name === KOMMUNE_NAMES.navn || name === KOMMUNE_NAMES.hentetKode ? 0 : 1);
    const changed = [...next.changed].sort((a, b) => own(a.name) - own(b.name));
    for (const c of changed) if (!before.has(c.name) || before.get(c.name) !== c.new) cells.push({ name: c.name, value: c.new });
    const view = this.before.view;
    if (!prev) {
      const logRows = Object.keys(next.data.written).length;
      for (let row = LOG_FIRST_ROW + logRows; row <= logLastRow(view); row++) {
        cells.push({ sheet: LOG_SHEET, ref: `A${row}`, value: null }, { sheet: LOG_SHEET, ref: `B${row}`, value: null });
      }
    }
    // The Data and log sheets are the pull's own: every value on them is the plan's.
    const sheets: SheetValues = new Map();
    for (const [name, describe] of [
      [DATA_SHEET, describeDataSheet],
      [LOG_SHEET, describeLogSheet],
    ] as const) {
      if (!view.hasSheet(name)) continue;
      const was = prevSheets?.get(name);
      const now = valuesOf(describe(next.data));
      sheets.set(name, now);
      for (const [ref, value] of now) if (!was || !was.has(ref) || was.get(ref) !== value) cells.push({ sheet: name, ref, value });
    }
    return { cells, sheets };
  }
}
