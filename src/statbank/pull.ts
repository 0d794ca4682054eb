/**
 * A pull: the figures of every StatBank indicator for all 98 municipalities, the five regions and
 * the whole country, from one `tableinfo` and one `data` request per table whatever the number of
 * municipalities. Every code is checked against `tableinfo` before the data request; a table that
 * fails fails only the indicators that read it. Pure apart from the client it is given.
 */
import { AREAS, KOMMUNER, LAND, REGIONER } from '../model/geography';
import { CITATION } from '../model/sources';
import { TREND_LENGTH, tablesOf, termsOf, type Definitions, type StatbankIndicator, type Term } from '../model/statbank';
import { StatbankError, type StatbankClient } from './client';
import type { Cube, TableInfo } from './responses';

export interface PullOptions {
  /** Every indicator from this year (its latest period within the year); else each its newest. */
  year?: number;
}

export interface AreaFigure {
  /** The figure: the value (scaled), or numerator / denominator. Null when a cell is missing. */
  value: number | null;
  taeller?: number | null;
  naevner?: number | null;
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
}

export type IndicatorResult = IndicatorFigures | IndicatorFailure;

export interface PullResult {
  results: IndicatorResult[];
  requests: number;
  retrievedAt: string;
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

/** The codes of a term that the table has, checked; optional codes it lacks are noted. */
function checkTerm(term: Term, info: TableInfo, notes: string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const area = variableOf(info, term.area);
  if (!area) {
    throw new DefinitionError(`${info.id}: variablen ${term.area} findes ikke; tabellen har ${info.variables.map((v) => v.id).join(', ')}.`);
  }
  for (const [id, codes] of Object.entries(term.select)) {
    const v = variableOf(info, id);
    if (!v) throw new DefinitionError(`${info.id}: variablen ${id} findes ikke; tabellen har ${info.variables.map((x) => x.id).join(', ')}.`);
    const have = new Set(v.values.map((x) => x.id));
    const missing = codes.filter((c) => !have.has(c));
    if (missing.length > 0) {
      throw new DefinitionError(`${info.id}: koden ${missing.join(', ')} findes ikke for ${v.id}; tabellen har ${v.values.slice(0, 30).map((x) => x.id).join(', ')}${v.values.length > 30 ? ' …' : ''}.`);
    }
    out[v.id] = [...codes];
  }
  for (const [id, codes] of Object.entries(term.optional ?? {})) {
    const v = variableOf(info, id);
    if (!v) continue;
    const have = new Set(v.values.map((x) => x.id));
    const present = codes.filter((c) => have.has(c));
    const absent = codes.filter((c) => !have.has(c));
    if (absent.length > 0) notes.push(`${info.id}: ${v.id} ${absent.join(', ')} findes ikke i tabellen og er udeladt.`);
    out[v.id] = [...(out[v.id] ?? []), ...present];
  }
  return out;
}

function quarterOf(period: string): string {
  return `${period.slice(0, 4)}K1`;
}

interface Plan {
  def: StatbankIndicator;
  terms: { term: Term; table: string; select: Record<string, string[]>; periodOf: (p: string) => string }[];
  period: string;
  periods: string[];
  notes: string[];
}

function planIndicator(def: StatbankIndicator, infos: Map<string, TableInfo>, opts: PullOptions): Plan {
  const notes: string[] = [];
  const terms = termsOf(def.figure).map((term, i) => {
    const info = infos.get(term.table.toUpperCase())!;
    const periodOf = def.figure.kind === 'share' && i === 1 && def.figure.denominatorPeriod === 'firstQuarterOfYear' ? quarterOf : (p: string) => p;
    return { term, table: info.id, select: checkTerm(term, info, notes), periodOf };
  });
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
  return { def, terms, period: periods[periods.length - 1]!, periods, notes: [...new Set(notes)] };
}

/** Every combination of the selected codes. */
function combinations(select: Record<string, string[]>): Record<string, string>[] {
  return Object.entries(select).reduce<Record<string, string>[]>(
    (acc, [id, codes]) => acc.flatMap((c) => codes.map((code) => ({ ...c, [id]: code }))),
    [{}],
  );
}

function sumAt(cube: Cube, select: Record<string, string[]>, fixed: Record<string, string>): number | null {
  let sum = 0;
  for (const combo of combinations(select)) {
    const v = cube.value({ ...combo, ...fixed });
    if (v === null) return null;
    sum += v;
  }
  return sum;
}

export async function pull(client: StatbankClient, defs: Definitions, opts: PullOptions = {}, now: () => Date = () => new Date()): Promise<PullResult> {
  const before = client.requests;
  const failures = new Map<string, string>();
  const infos = new Map<string, TableInfo>();
  const tables = tablesOf(defs);

  for (const table of tables) {
    try {
      const info = await client.tableInfo(table);
      if (info.active === false) failures.set(table, `${table}: tabellen er udgået (ikke længere aktiv) i Statistikbanken. Angiv en afløser med --definitions.`);
      else infos.set(table, info);
    } catch (err) {
      failures.set(table, messageOf(err, table));
    }
  }

  const plans = new Map<string, Plan>();
  const results = new Map<string, IndicatorResult>();
  for (const def of defs.indicators) {
    const used = [...new Set(termsOf(def.figure).map((t) => t.table.toUpperCase()))];
    const failed = used.find((t) => failures.has(t));
    if (failed) {
      results.set(def.indicator, { indicator: def.indicator, ok: false, tables: used, message: failures.get(failed)! });
      continue;
    }
    try {
      plans.set(def.indicator, planIndicator(def, infos, opts));
    } catch (err) {
      results.set(def.indicator, { indicator: def.indicator, ok: false, tables: used, message: messageOf(err, used[0]!) });
    }
  }

  // One data request per table: the union of what every indicator reading it needs.
  const cubes = new Map<string, Cube>();
  for (const table of tables) {
    const users = [...plans.values()].flatMap((p) => p.terms.filter((t) => t.table.toUpperCase() === table).map((t) => ({ plan: p, t })));
    if (users.length === 0) continue;
    const info = infos.get(table)!;
    const select: Record<string, Set<string>> = {};
    const add = (id: string, codes: string[]) => codes.forEach((c) => (select[id] ??= new Set()).add(c));
    const area = variableOf(info, users[0]!.t.term.area)!;
    const haveAreas = new Set(area.values.map((v) => v.id));
    add(area.id, AREA_CODES.filter((c) => haveAreas.has(c)));
    const time = timeVariable(info);
    for (const { plan, t } of users) {
      for (const [id, codes] of Object.entries(t.select)) add(id, codes);
      add(time.id, plan.periods.map(t.periodOf));
    }
    const selection = Object.fromEntries(Object.entries(select).map(([k, v]) => [k, [...v]]));
    try {
      cubes.set(table, await client.data(info.id, selection, time.id));
    } catch (err) {
      for (const { plan } of users) {
        results.set(plan.def.indicator, { indicator: plan.def.indicator, ok: false, tables: [table], message: messageOf(err, table) });
        plans.delete(plan.def.indicator);
      }
    }
  }

  for (const plan of plans.values()) results.set(plan.def.indicator, figuresOf(plan, infos, cubes));
  return {
    results: defs.indicators.map((d) => results.get(d.indicator)!),
    requests: client.requests - before,
    retrievedAt: now().toISOString(),
  };
}

function figuresOf(plan: Plan, infos: Map<string, TableInfo>, cubes: Map<string, Cube>): IndicatorFigures {
  const { def } = plan;
  const notes = [...plan.notes];
  const figures = new Map<string, Map<string, AreaFigure>>();
  const sums = plan.terms.map((t) => {
    const info = infos.get(t.table.toUpperCase())!;
    const cube = cubes.get(t.table.toUpperCase())!;
    const area = variableOf(info, t.term.area)!;
    const areaId = area.id;
    const timeId = timeVariable(info).id;
    const has = new Set(area.values.map((v) => v.id));
    return (code: string, period: string): number | null => {
      if (has.has(code)) return sumAt(cube, t.select, { [areaId]: code, [timeId]: t.periodOf(period) });
      // A region or the country the table does not publish: the sum of its municipalities' counts.
      const members = code === LAND.dstCode ? KOMMUNER : KOMMUNER.filter((k) => k.region.dstCode === code);
      let total = 0;
      for (const k of members) {
        const v = has.has(k.dstCode) ? sumAt(cube, t.select, { [areaId]: k.dstCode, [timeId]: t.periodOf(period) }) : null;
        if (v === null) return null;
        total += v;
      }
      return total;
    };
  });
  const additive = def.figure.kind === 'share' || def.figure.additive;
  const tableAreas = new Set(variableOf(infos.get(plan.terms[0]!.table.toUpperCase())!, plan.terms[0]!.term.area)!.values.map((v) => v.id));
  const missingRegions = [LAND.dstCode, ...REGIONER.map((r) => r.dstCode)].filter((c) => !tableAreas.has(c));
  if (missingRegions.length > 0) {
    notes.push(
      additive
        ? `${plan.terms[0]!.table}: regions- og landstal, som tabellen ikke har, er summen af kommunernes tal.`
        : `${plan.terms[0]!.table}: tabellen har ingen regionstal, og et gennemsnit af kommunernes tal ville give et forkert tal; regionsfeltet er tomt.`,
    );
  }
  for (const code of AREA_CODES) {
    const byPeriod = new Map<string, AreaFigure>();
    const computable = tableAreas.has(code) || additive;
    for (const period of plan.periods) {
      if (!computable) {
        byPeriod.set(period, { value: null });
      } else if (def.figure.kind === 'value') {
        const v = sums[0]!(code, period);
        byPeriod.set(period, { value: v === null ? null : v * def.figure.scale });
      } else {
        const t = sums[0]!(code, period);
        const n = sums[1]!(code, period);
        byPeriod.set(period, { taeller: t, naevner: n, value: t === null || n === null || n <= 0 ? null : t / n });
      }
    }
    figures.set(code, byPeriod);
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

function messageOf(err: unknown, table: string): string {
  if (err instanceof StatbankError || err instanceof DefinitionError) return err.message;
  return `${table}: ${err instanceof Error ? err.message : String(err)}`;
}
