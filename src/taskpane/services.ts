/**
 * What the pane's screens do in the workbook. The Office adapter, the core's reader and the
 * template's description are loaded when first used (one chunk), so the pane's first script
 * stays small.
 */
import type { CalculationMode, PaneEvents } from '../office/pane-host';
import type { PaneUpgrade, Snapshot } from './session';
import type { FreshnessReport } from '../statbank/freshness';
import type { PullPrepared, PullRequest } from './statbank';
import type { CheckedFile, FileCheck, OverviewWritten } from './consolidate';
import type { Compared } from './previous';
import type { SummaryOutcome } from '../office/summary';
import type { PreviousCycle } from '../summary/previous';
import type { Problem } from '../workbook/validate';

/**
 * Each write resolves the snapshot it leaves, read in the same port write (the Office adapter:
 * in the write's last sync), so an action costs no read of its own.
 */
export interface PaneServices {
  /** Writes the empty template into the open workbook; resolves the names of the sheets written. */
  insertTemplate(): Promise<{ sheets: string[]; snapshot: Snapshot }>;
  /** One read of the workbook: what it is, its ratings, score, municipality and problems. */
  refresh(): Promise<Snapshot>;
  /** One write: one rating cell (null clears it). */
  setRating(definedName: string, value: number | null): Promise<Snapshot>;
  /** One write: several rating cells. */
  setRatings(ratings: ReadonlyMap<string, number | null>): Promise<Snapshot>;
  /** One write: Kommune_Navn. */
  setKommune(navn: string): Promise<Snapshot>;
  /** Where the cells of these defined names are, in the current template ("C5"): the addresses of a write's echo. */
  addressesOf(names: readonly string[]): Promise<string[]>;
  /** Shows and selects a cell. */
  select(sheet: string, cell: string): Promise<void>;
  /** Listens for changes on these sheets and for Excel's calculations. */
  watch(sheets: readonly string[], events: PaneEvents): Promise<void>;
  /** Excel's calculation mode as of the last read. */
  calculationMode(): CalculationMode;
  /** Whether Excel tells the pane when it has calculated. */
  hasCalculatedEvent(): boolean;
  /** What an upgrade would carry (one read), or the problems that stop it. */
  prepareUpgrade(): Promise<PaneUpgrade | { problems: Problem[]; losing?: boolean }>;
  /** Pulls the figures from Statistics Denmark (or imported saved responses) and previews the change; nothing is written yet. */
  preparePull(req: PullRequest): Promise<PullPrepared>;
  /** Which indicators have newer figures than the last pull (undefined when that cannot be known). */
  newerFigures(baseUrl: string): Promise<FreshnessReport | undefined>;
  /** The StatBank address setting checked: the URL, or why not. */
  checkBaseUrl(text: string): Promise<{ url: string } | { message: string }>;
  /**
   * Checks chosen workbook files, one by one, reporting each (the consolidation core, in a Web
   * Worker: each size checked before anything is read). Rejects with an AbortError when `signal` aborts.
   */
  checkFiles(files: readonly File[], onFile: (check: FileCheck, done: number, total: number) => void, signal?: AbortSignal): Promise<FileCheck[]>;
  /** Every checked file's final status and reasons, the cross-file rules applied (the core's decision, as Filer and `consolidate --json` show it). */
  decideFiles(checked: readonly FileCheck[]): Promise<CheckedFile[]>;
  /** Puts Oversigt and Filer of the checked files into the open workbook (`replace`: an earlier overview's sheets give way). */
  writeOverview(checked: readonly FileCheck[], replace?: boolean): Promise<OverviewWritten>;
  /** The open workbook against the previous cycle's file (checked as checkFiles checks, by the selective reader). */
  comparePrevious(file: File, signal?: AbortSignal): Promise<Compared>;
  /**
   * Makes (or makes again) the Ledelsesresumé from the workbook: one read, one write; with the
   * previous cycle (from Sammenlign) its "Sidste vurdering" column and hidden sheet, or with
   * 'sheet' the hidden sheet already there used again.
   */
  makeSummary(previous?: PreviousCycle | 'sheet'): Promise<SummaryOutcome>;
  /** Replaces the old template's sheets with the current one holding the carried inputs. */
  applyUpgrade(upgrade: PaneUpgrade): Promise<{ sheets: string[]; snapshot: Snapshot }>;
}

type Backend = Awaited<ReturnType<typeof loadBackend>>;

async function loadBackend() {
  const [{ OfficePaneHost }, session] = await Promise.all([import(/* webpackChunkName: "office" */ '../office/pane-host'), import(/* webpackChunkName: "template" */ './session')]);
  return { host: new OfficePaneHost(), session };
}

/** The consolidation's part (the selective reader), loaded when first used. */
const loadConsolidate = () => import(/* webpackChunkName: "consolidate" */ './consolidate');

/** What the Filer sheet names as the checker. */
const PROGRAM = 'parathed (tilføjelsesprogrammet)';

/** Statistics Denmark's part, loaded when first used. */
const loadStatbank = () => import(/* webpackChunkName: "statbank" */ './statbank');

/** The services on Office.js, the backend loaded on first use. */
export function officeServices(): PaneServices {
  let backend: Promise<Backend> | undefined;
  let loaded: Backend | undefined;
  const get = async () => (loaded ??= await (backend ??= loadBackend()));
  return {
    insertTemplate: async () => {
      const b = await get();
      return b.session.insertTemplate(b.host.port);
    },
    refresh: async () => {
      const b = await get();
      return b.session.readSnapshot(b.host.port);
    },
    setRating: async (name, value) => {
      const b = await get();
      return b.session.writeRating(b.host.port, name, value);
    },
    setRatings: async (ratings) => {
      const b = await get();
      return b.session.writeRatings(b.host.port, ratings);
    },
    setKommune: async (navn) => {
      const b = await get();
      return b.session.writeKommune(b.host.port, navn);
    },
    addressesOf: async (names) => (await get()).session.addressesOf(names),
    select: async (sheet, cell) => (await get()).host.select(sheet, cell),
    watch: async (sheets, events) => (await get()).host.watch(sheets, events),
    calculationMode: () => loaded?.host.calculationMode ?? 'unknown',
    hasCalculatedEvent: () => loaded?.host.hasCalculatedEvent ?? false,
    prepareUpgrade: async () => {
      const b = await get();
      return b.session.prepareUpgrade(b.host.port);
    },
    preparePull: async (req) => {
      const [b, statbank] = await Promise.all([get(), loadStatbank()]);
      return statbank.preparePull(b.host.port, req);
    },
    newerFigures: async (baseUrl) => {
      const [b, statbank] = await Promise.all([get(), loadStatbank()]);
      return statbank.newerFigures(b.host.port, baseUrl);
    },
    checkBaseUrl: async (text) => (await loadStatbank()).checkBaseUrl(text),
    checkFiles: async (files, onFile, signal) => (await loadConsolidate()).checkFiles(files, onFile, signal),
    decideFiles: async (checked) => (await loadConsolidate()).decideFiles(checked),
    writeOverview: async (checked, replace = false) => {
      const [b, c] = await Promise.all([get(), loadConsolidate()]);
      return c.writeOverview(b.host.port, checked, PROGRAM, replace);
    },
    comparePrevious: async (file, signal) => {
      const [b, c, { comparePrevious }] = await Promise.all([get(), loadConsolidate(), import(/* webpackChunkName: "consolidate" */ './previous')]);
      const [check] = await c.checkFiles([file], () => undefined, signal);
      return comparePrevious(b.host.port, check!);
    },
    makeSummary: async (previous) => {
      const [b, { regenerateSummary }] = await Promise.all([get(), import(/* webpackChunkName: "template" */ '../office/summary')]);
      return regenerateSummary(b.host.port, new Date(), previous);
    },
    applyUpgrade: async (u) => {
      const b = await get();
      return b.session.applyUpgrade(b.host.port, u);
    },
  };
}
