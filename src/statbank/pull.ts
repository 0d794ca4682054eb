/**
 * A pull: the figures of every StatBank indicator for all 98 municipalities, the five regions and
 * the whole country, from one `tableinfo` and one `data` request per table whatever the number of
 * municipalities. Every code (or label) is checked against `tableinfo` before the data request; a
 * table that fails fails only the indicators that read it. A 0 from a table whose suppressed
 * cells arrive as 0 is marked doubtful. Pure apart from the client it is given.
 */
import { AREAS, KOMMUNER, LAND, REGIONER } from '../model/geography';
import { CITATION } from '../model/sources';
import { TREND_LENGTH, tablesOf, termsOf, type Definitions, type Selector, type StatbankIndicator, type Term } from '../model/statbank';
import { StatbankError, UNREACHABLE_CODES, type StatbankClient } from './client';
import type { Cube, TableInfo } from './responses';

export interface TableProgress {
  table: string;
  /** Tables finished so far, this one included, of `total`. */
  done: number;
  total: number;
  ok: boolean;
}

export interface PullOptions {
  /** Every indicator from this year (its latest period within the year); else each its newest. */
  year?: number;
  /** Called once per table when it is done (its data received) or has failed. */
  onProgress?: (p: TableProgress) => void;
  /** Cancels the pull before its next request (it then throws PullCancelled). */
  signal?: AbortSignal;
}

/** The pull was cancelled (PullOptions.signal) before it had every table; nothing is written. */
export class PullCancelled extends Error {
  constructor() {
    super('Hentningen blev afbrudt; intet er skrevet.');
  }
}

export interface AreaFigure {
  /** The figure: the value (scaled), or numerator / denominator. Null when a cell is missing. */
  value: number | null;
  taeller?: number | null;
  naevner?: number | null;
  /**
   * A cell the figure rests on is 0 in a table whose suppressed (discretionised) cells arrive as
   * 0 (`suppressedDataValue` "0"): the 0 may be a hidden small number, not a real 0. Shown, but
   * not to be ranked as a real 0.
   */
  doubtful?: true;
}

export interface IndicatorFigures {
  indicator: string;
  ok: true;
  tables: string[];
  /** The period written to the workbook. */
  period: string;
  /** Up to five periods ending with `period`, oldest first, for the trend. */
  periods: string[];
  /** Figures by area code ("000", "081"…, "183"…) and period. */
  figures: Map<string, Map<string, AreaFigure>>;
  /** The codes used, readable: "AULKP01: ALDER=TOT; KØN=TOT". */
  codes: string;
  /** Mandatory footnotes of the tables used, and notes on codes or regions left out. */
  notes: string[];
  citation: string;
}

export interface IndicatorFailure {
  indicator: string;
  ok: false;
  tables: string[];
  message: string;
  /** The error code where the failure came from the API or the network (EXTRACT-NOTFOUND, NETWORK …). */
  code?: string;
}

export type IndicatorResult = IndicatorFigures | IndicatorFailure;

export interface PullResult {
  results: IndicatorResult[];
  requests: number;
  retrievedAt: string;
  /** Each table's `updated` time from its tableinfo, by table id (for telling when newer figures exist). */
  updated: Record<string, string>;
  /**
   * Set when StatBank could not be reached at all (no table answered; network, proxy or time-out):
   * one message for the whole pull, instead of one per indicator.
   */
  unreachable?: string;
}

const AREA_CODES: readonly string[] = AREAS.map((a) => a.code);


class DefinitionError extends Error {}

function variableOf(info: TableInfo, id: string) {
  return info.variables.find((v) => v.id.toUpperCase() === id.toUpperCase());
}

function timeVariable(info: TableInfo) {
  const v = info.variables.find((x) => x.time) ?? variableOf(info, 'Tid');
  if (!v) throw new DefinitionError(`${info.id}: tabellen har ingen tidsvariabel.`);
  return v;
}

const normalLabel = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
const describeSelector = (s: Selector) => (typeof s === 'string' ? s : `"${s.label}"`);
type Variable = TableInfo['variables'][number];

/** The code a selector stands for in a variable, or undefined when the table has none. */
function codeOf(v: Variable, s: Selector, info: TableInfo): string | undefined {
  if (typeof s === 'string') return v.values.some((x) => x.id === s) ? s : undefined;
  const wanted = normalLabel(s.label);
  const found = v.values.filter((x) => normalLabel(x.text) === wanted);
  if (found.length > 1) {
    throw new DefinitionError(`${info.id}: teksten "${s.label}" passer på flere koder for ${v.id} (${found.map((x) => x.id).join(', ')}); angiv koden.`);
  }
  return found[0]?.id;
}

/** The values of a variable, for a message: codes, or codes with their labels. */
function listValues(v: Variable, withLabels: boolean): string {
  if (withLabels) return v.values.map((x) => `${x.id} "${x.text}"`).join(', ');
  return `${v.values.slice(0, 30).map((x) => x.id).join(', ')}${v.values.length > 30 ? ' …' : ''}`;
}

function requireVariable(info: TableInfo, id: string): Variable {
  const v = variableOf(info, id);
  if (!v) throw new DefinitionError(`${info.id}: variablen ${id} findes ikke; tabellen har ${info.variables.map((x) => x.id).join(', ')}.`);
  return v;
}

/** The codes of selectors a table must have: a code or label it lacks fails the indicator, listing what it has. */
function requireCodes(info: TableInfo, v: Variable, selectors: Selector[]): string[] {
  const codes = selectors.map((s) => codeOf(v, s, info));
  const missing = selectors.filter((_, i) => codes[i] === undefined);
  if (missing.length > 0) {
    const byLabel = missing.some((s) => typeof s !== 'string');
    throw new DefinitionError(
      byLabel
        ? `${info.id}: ${v.id} har ingen værdi med teksten ${missing.map(describeSelector).join(', ')}; tabellen har ${listValues(v, true)}.`
        : `${info.id}: koden ${missing.join(', ')} findes ikke for ${v.id}; tabellen har ${listValues(v, false)}.`,
    );
  }
  return codes as string[];
}

/** The codes of a term that the table has, checked; optional codes it lacks are noted. */
function checkTerm(term: Term, info: TableInfo, notes: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  requireVariable(info, term.area);
  for (const [id, selectors] of Object.entries(term.select)) {
    const v = requireVariable(info, id);
    out[v.id] = requireCodes(info, v, selectors);
  }
  for (const [id, selectors] of Object.entries(term.optional ?? {})) {
    const v = variableOf(info, id);
    if (!v) continue;
    const codes = selectors.map((s) => codeOf(v, s, info));
    const absent = selectors.filter((_, i) => codes[i] === undefined);
    if (absent.length > 0) notes.push(`${info.id}: ${v.id} ${absent.map(describeSelector).join(', ')} findes ikke i tabellen og er udeladt.`);
    out[v.id] = [...new Set([...(out[v.id] ?? []), ...codes.filter((c): c is string => c !== undefined)])];
  }
  if (term.overlapping) {
    const summed = Object.entries(out).filter(([, codes]) => codes.length > 1);
    for (const [id, codes] of summed) {
      const v = variableOf(info, id)!;
      const labels = codes.map((c) => v.values.find((x) => x.id === c)!.text);
      notes.push(
        `${info.id}: tallet er summen af ${labels.join(', ')}; en person, der er dømt efter flere af dem, tælles flere gange, så summen er en øvre grænse for antallet af personer (tabellen kan ikke give forskellige personer på tværs af dem).`,
      );
    }
  }
  return out;
}

function quarterOf(period: string): string {
  return `${period.slice(0, 4)}K1`;
}

interface PlanTerm {
  term: Term;
  table: string;
  select: Record<string, string[]>;
  periodOf: (p: string) => string;
  /** Codes the data request needs besides `select` (a mean's totals and counts). */
  extra: Record<string, string[]>;
}

/** A mean computed from totals and counts, with the codes found in tableinfo. */
interface MeanFromTotals {
  variable: string;
  total: string;
  count: string;
  totalUnit: number;
  labels: { total: string; count: string };
}

interface Plan {
  def: StatbankIndicator;
  terms: PlanTerm[];
  mean?: MeanFromTotals;
  period: string;
  periods: string[];
  notes: string[];
}

function planIndicator(def: StatbankIndicator, infos: Map<string, TableInfo>, opts: PullOptions): Plan {
  const notes: string[] = [];
  const terms: PlanTerm[] = termsOf(def.figure).map((term, i) => {
    const info = infos.get(term.table.toUpperCase())!;
    const periodOf = def.figure.kind === 'share' && i === 1 && def.figure.denominatorPeriod === 'firstQuarterOfYear' ? quarterOf : (p: string) => p;
    return { term, table: info.id, select: checkTerm(term, info, notes), periodOf, extra: {} };
  });
  let mean: MeanFromTotals | undefined;
  if (def.figure.kind === 'value' && def.figure.meanFromTotals) {
    const m = def.figure.meanFromTotals;
    const info = infos.get(def.figure.term.table.toUpperCase())!;
    const v = requireVariable(info, m.variable);
    const [total, count] = requireCodes(info, v, [m.total, m.count]) as [string, string];
    const label = (c: string) => v.values.find((x) => x.id === c)!.text;
    mean = { variable: v.id, total, count, totalUnit: m.totalUnit, labels: { total: label(total), count: label(count) } };
    terms[0]!.extra = { [v.id]: [total, count] };
  }
  const first = infos.get(terms[0]!.term.table.toUpperCase())!;
  let available = timeVariable(first).values.map((v) => v.id);
  // Only periods every term's table has.
  for (const t of terms.slice(1)) {
    const have = new Set(timeVariable(infos.get(t.term.table.toUpperCase())!).values.map((v) => v.id));
    available = available.filter((p) => have.has(t.periodOf(p)));
  }
  if (opts.year !== undefined) {
    const inYear = available.filter((p) => p.startsWith(String(opts.year)));
    if (inYear.length === 0) {
      throw new DefinitionError(`${first.id}: ingen periode i ${opts.year}; tabellen har ${available[0] ?? '–'} til ${available[available.length - 1] ?? '–'}.`);
    }
    available = available.slice(0, available.indexOf(inYear[inYear.length - 1]!) + 1);
  }
  if (available.length === 0) throw new DefinitionError(`${first.id}: tabellen har ingen perioder.`);
  const periods = available.slice(-TREND_LENGTH);
  for (const t of terms) {
    const info = infos.get(t.term.table.toUpperCase())!;
    if (info.footnote?.mandatory) notes.push(`${info.id}: ${info.footnote.text.replace(/\s+/g, ' ').trim()}`);
  }
  return { def, terms, ...(mean ? { mean } : {}), period: periods[periods.length - 1]!, periods, notes: [...new Set(notes)] };
}

/** Every combination of the selected codes. */
function combinations(select: Record<string, string[]>): Record<string, string>[] {
  return Object.entries(select).reduce<Record<string, string>[]>(
    (acc, [id, codes]) => acc.flatMap((c) => codes.map((code) => ({ ...c, [id]: code }))),
    [{}],
  );
}

/** A sum of cells, and whether one of them is a 0 that may be a suppressed value. */
interface Sum {
  value: number | null;
  doubtful: boolean;
}

function sumAt(cube: Cube, select: Record<string, string[]>, fixed: Record<string, string>, suppressed: number | undefined): Sum {
  let sum = 0;
  let doubtful = false;
  for (const combo of combinations(select)) {
    const v = cube.value({ ...combo, ...fixed });
    if (v === null) return { value: null, doubtful };
    if (suppressed !== undefined && v === suppressed) doubtful = true;
    sum += v;
  }
  return { value: sum, doubtful };
}

/**
 * The value a table's suppressed cells may arrive as, when it is a number: `suppressedDataValue`
 * "0" means a hidden cell can look like a real 0. Missing ("..") cells are null already.
 */
function suppressedValue(info: TableInfo): number | undefined {
  const raw = info.suppressedDataValue?.trim();
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

export async function pull(client: StatbankClient, defs: Definitions, opts: PullOptions = {}, now: () => Date = () => new Date()): Promise<PullResult> {
  const before = client.requests;
  client.restartDeadline();
  const failures = new Map<string, { message: string; code?: string }>();
  const infos = new Map<string, TableInfo>();
  const tables = tablesOf(defs);
  let done = 0;
  const progress = (table: string, ok: boolean) => opts.onProgress?.({ table, done: ++done, total: tables.length, ok });

  const checkCancelled = () => {
    if (opts.signal?.aborted) throw new PullCancelled();
  };
  for (const table of tables) {
    checkCancelled();
    // StatBank out of reach before any table answered: the other tables are not tried.
    const unreachable = infos.size === 0 ? [...failures.values()].find((f) => f.code !== undefined && UNREACHABLE_CODES.includes(f.code)) : undefined;
    if (unreachable) {
      failures.set(table, unreachable);
      progress(table, false);
      continue;
    }
    try {
      const info = await client.tableInfo(table);
      if (info.active === false) failures.set(table, { message: `${table}: tabellen er udgået (ikke længere aktiv) i Statistikbanken. Angiv en afløser med --definitions.` });
      else infos.set(table, info);
    } catch (err) {
      failures.set(table, failureOf(err, table));
    }
    if (failures.has(table)) progress(table, false);
  }

  const plans = new Map<string, Plan>();
  const results = new Map<string, IndicatorResult>();
  for (const def of defs.indicators) {
    const used = [...new Set(termsOf(def.figure).map((t) => t.table.toUpperCase()))];
    const failed = used.find((t) => failures.has(t));
    if (failed) {
      results.set(def.indicator, { indicator: def.indicator, ok: false, tables: used, ...failures.get(failed)! });
      continue;
    }
    try {
      plans.set(def.indicator, planIndicator(def, infos, opts));
    } catch (err) {
      results.set(def.indicator, { indicator: def.indicator, ok: false, tables: used, ...failureOf(err, used[0]!) });
    }
  }

  // One data request per table: the union of what every indicator reading it needs.
  const cubes = new Map<string, Cube>();
  for (const table of tables) {
    if (failures.has(table)) continue;
    checkCancelled();
    const users = [...plans.values()].flatMap((p) => p.terms.filter((t) => t.table.toUpperCase() === table).map((t) => ({ plan: p, t })));
    if (users.length === 0) {
      progress(table, false);
      continue;
    }
    const info = infos.get(table)!;
    const select: Record<string, Set<string>> = {};
    const add = (id: string, codes: string[]) => codes.forEach((c) => (select[id] ??= new Set()).add(c));
    const area = variableOf(info, users[0]!.t.term.area)!;
    const haveAreas = new Set(area.values.map((v) => v.id));
    add(area.id, AREA_CODES.filter((c) => haveAreas.has(c)));
    const time = timeVariable(info);
    for (const { plan, t } of users) {
      for (const [id, codes] of Object.entries(t.select)) add(id, codes);
      for (const [id, codes] of Object.entries(t.extra)) add(id, codes);
      add(time.id, plan.periods.map(t.periodOf));
    }
    const selection = Object.fromEntries(Object.entries(select).map(([k, v]) => [k, [...v]]));
    try {
      cubes.set(table, await client.data(info.id, selection, time.id));
      progress(table, true);
    } catch (err) {
      for (const { plan } of users) {
        results.set(plan.def.indicator, { indicator: plan.def.indicator, ok: false, tables: [table], ...failureOf(err, table) });
        plans.delete(plan.def.indicator);
      }
      progress(table, false);
    }
  }

  for (const plan of plans.values()) results.set(plan.def.indicator, figuresOf(plan, infos, cubes));
  const list = defs.indicators.map((d) => results.get(d.indicator)!);
  // No table answered, and every failure says the network: one message for the whole pull.
  const netFailures = list.filter((r): r is IndicatorFailure => !r.ok && r.code !== undefined && UNREACHABLE_CODES.includes(r.code));
  const unreachable = infos.size === 0 && netFailures.length === list.length && list.length > 0 ? unreachableMessage(client, netFailures[netFailures.length - 1]!) : undefined;
  return {
    results: list,
    requests: client.requests - before,
    retrievedAt: now().toISOString(),
    updated: Object.fromEntries([...infos.values()].filter((i) => i.updated).map((i) => [i.id.toUpperCase(), i.updated!])),
    ...(unreachable ? { unreachable } : {}),
  };
}

/** One message for a pull that reached no table: the network (or the proxy), with what to check. */
function unreachableMessage(client: StatbankClient, last: IndicatorFailure): string {
  const why = last.message.replace(/^[A-Za-z0-9_]+: /, '');
  return `Danmarks Statistik kunne ikke nås, så ingen tal er hentet: ${why}${/[.!]$/.test(why) ? '' : '.'}${why.includes(client.route.hint) ? '' : ` ${client.route.hint}`}`;
}

const kr = (v: number) => `${Math.round(v).toLocaleString('da-DK')} kr.`;
const areaName = (code: string) => AREAS.find((a) => a.code === code)?.navn ?? code;

function figuresOf(plan: Plan, infos: Map<string, TableInfo>, cubes: Map<string, Cube>): IndicatorFigures {
  const { def } = plan;
  const notes = [...plan.notes];
  const figures = new Map<string, Map<string, AreaFigure>>();
  const readers = plan.terms.map((t) => {
    const info = infos.get(t.table.toUpperCase())!;
    const cube = cubes.get(t.table.toUpperCase())!;
    const area = variableOf(info, t.term.area)!;
    const areaId = area.id;
    const timeId = timeVariable(info).id;
    const has = new Set(area.values.map((v) => v.id));
    const suppressed = suppressedValue(info);
    const members = (code: string) => (code === LAND.dstCode ? KOMMUNER : KOMMUNER.filter((k) => k.region.dstCode === code));
    /** The sum of `select` at an area the table has; else (a region or the country) the sum of its municipalities'. */
    const sum = (code: string, period: string, select = t.select): Sum => {
      const fixed = (c: string) => ({ [areaId]: c, [timeId]: t.periodOf(period) });
      if (has.has(code)) return sumAt(cube, select, fixed(code), suppressed);
      let total = 0;
      let doubtful = false;
      for (const k of members(code)) {
        const v = has.has(k.dstCode) ? sumAt(cube, select, fixed(k.dstCode), suppressed) : { value: null, doubtful: false };
        if (v.value === null) return { value: null, doubtful };
        total += v.value;
        doubtful ||= v.doubtful;
      }
      return { value: total, doubtful };
    };
    /** A mean from its municipalities: the sum of their totals × unit over the sum of their counts. */
    const meanOf = (code: string, period: string, m: MeanFromTotals): Sum => {
      const only = (c: string) => ({ ...t.select, [m.variable]: [c] });
      let total = 0;
      let count = 0;
      let doubtful = false;
      for (const k of members(code)) {
        const a = has.has(k.dstCode) ? sum(k.dstCode, period, only(m.total)) : { value: null, doubtful: false };
        const n = has.has(k.dstCode) ? sum(k.dstCode, period, only(m.count)) : { value: null, doubtful: false };
        if (a.value === null || n.value === null) return { value: null, doubtful };
        total += a.value;
        count += n.value;
        doubtful ||= a.doubtful || n.doubtful;
      }
      return { value: count > 0 ? (total * m.totalUnit) / count : null, doubtful };
    };
    return { table: info.id, has, sum, meanOf };
  });
  const first = readers[0]!;
  const additive = def.figure.kind === 'share' || def.figure.additive;
  const missingRegions = [LAND.dstCode, ...REGIONER.map((r) => r.dstCode)].filter((c) => !first.has.has(c));
  const mean = plan.mean;

  // A mean computed from the municipalities is used only where the same computation gives the
  // table's own country figure (within 0.5 %): that checks the codes, the unit and the method.
  const meanChecked = new Map<string, boolean>();
  if (mean && missingRegions.length > 0) {
    for (const period of plan.periods) {
      const own = first.has.has(LAND.dstCode) ? first.sum(LAND.dstCode, period).value : null;
      const computed = first.meanOf(LAND.dstCode, period, mean).value;
      const ok = own !== null && computed !== null && own > 0 && Math.abs(computed - own) <= 0.005 * own;
      meanChecked.set(period, ok);
      if (period === plan.period) {
        const how = `${first.table}: tabellen har ingen regionstal; regionens gennemsnit er beregnet som summen af kommunernes ${mean.labels.total} (${mean.variable} ${mean.total}) × ${mean.totalUnit.toLocaleString('da-DK')} divideret med summen af deres ${mean.labels.count} (${mean.variable} ${mean.count})`;
        notes.push(
          ok
            ? `${how}; samme beregning giver landstallet ${kr(computed!)} mod tabellens ${kr(own!)} for ${period}.`
            : `${how}, men kontrollen mod tabellens landstal for ${period} slog fejl (beregnet ${computed === null ? '–' : kr(computed)}, tabellen ${own === null ? '–' : kr(own)}); regionsfeltet er tomt.`,
        );
      }
    }
  } else if (missingRegions.length > 0) {
    notes.push(
      additive
        ? `${first.table}: regions- og landstal, som tabellen ikke har, er summen af kommunernes tal.`
        : `${first.table}: tabellen har ingen regionstal, og et gennemsnit af kommunernes tal ville give et forkert tal; regionsfeltet er tomt.`,
    );
  }

  const doubtful: string[] = [];
  const doubtTables = new Set<string>();
  for (const code of AREA_CODES) {
    const byPeriod = new Map<string, AreaFigure>();
    for (const period of plan.periods) {
      let figure: AreaFigure;
      const doubtIn: string[] = [];
      if (first.has.has(code) || additive) {
        if (def.figure.kind === 'value') {
          const v = first.sum(code, period);
          if (v.doubtful) doubtIn.push(first.table);
          figure = { value: v.value === null ? null : v.value * def.figure.scale };
        } else {
          const t = first.sum(code, period);
          const n = readers[1]!.sum(code, period);
          if (t.doubtful) doubtIn.push(first.table);
          if (n.doubtful) doubtIn.push(readers[1]!.table);
          figure = { taeller: t.value, naevner: n.value, value: t.value === null || n.value === null || n.value <= 0 ? null : t.value / n.value };
        }
      } else if (mean && def.figure.kind === 'value' && meanChecked.get(period)) {
        const v = first.meanOf(code, period, mean);
        if (v.doubtful) doubtIn.push(first.table);
        figure = { value: v.value === null ? null : v.value * def.figure.scale };
      } else {
        figure = { value: null };
      }
      if (doubtIn.length > 0 && figure.value !== null) {
        figure.doubtful = true;
        if (period === plan.period) {
          doubtful.push(`${areaName(code)} (${code})`);
          doubtIn.forEach((t) => doubtTables.add(t));
        }
      }
      byPeriod.set(period, figure);
    }
    figures.set(code, byPeriod);
  }
  if (doubtful.length > 0) {
    notes.push(
      `${[...doubtTables].join(', ')}: et skjult (diskretioneret) tal kan optræde som 0 i tabellen, så et 0 er usikkert; tallet for ${plan.period} er usikkert for ${doubtful.slice(0, 10).join(', ')}${doubtful.length > 10 ? ` og ${doubtful.length - 10} områder mere` : ''} og bør ikke rangeres som et rigtigt 0.`,
    );
  }
  const codes = plan.terms
    .map((t) => `${t.table}: ${Object.entries(t.select).map(([k, v]) => `${k}=${v.join(',')}`).join('; ')}${t.periodOf(plan.period) !== plan.period ? `; Tid=${t.periodOf(plan.period)}` : ''}`)
    .join(' / ');
  return {
    indicator: def.indicator,
    ok: true,
    tables: [...new Set(plan.terms.map((t) => t.table))],
    period: plan.period,
    periods: plan.periods,
    figures,
    codes,
    notes: [...new Set(notes)],
    citation: CITATION,
  };
}

function failureOf(err: unknown, table: string): { message: string; code?: string } {
  if (err instanceof StatbankError) return { message: err.message, code: err.code };
  if (err instanceof DefinitionError) return { message: err.message };
  return { message: `${table}: ${err instanceof Error ? err.message : String(err)}` };
}
