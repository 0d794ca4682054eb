/**
 * What a pull does to a workbook, decided without touching it: the new assessment and Data sheet
 * content, every input cell it changes (old → new) and every one it leaves alone. A value typed by
 * hand (one the last pull did not write) is never overwritten unless the caller chose to replace it
 * for that indicator (`replaceTyped`); each indicator is written whole or not at all. Pure.
 */
import type { Kommune } from '../model/geography';
import { GEOGRAPHIES, INDICATORS, KOMMUNE_NAMES, indicatorName, indicatorPeriodName, indicatorSourceName, provenanceName, shareInputNames, storedDecimals, type GeographyId } from '../model/indicators';
import { maskedValue } from '../model/cpr';
import { POPULATION_ID } from '../model/statbank';
import { STATBANK_SOURCE, type FigureSource } from '../model/sources';
import { assessmentSchema, type Assessment } from '../model/schema';
import { approxEqual, round, type CellValue } from '../scoring/excel';
import { figureValue, type DataContent, type StoredFigure } from '../workbook/sheets/data';
import { updatedKey } from '../workbook/sheets/log';
import { danishTime } from '../workbook/formats';
import { fieldByName, setAtPath } from '../workbook/fields';
import type { IndicatorFigures, PullResult } from './pull';

export interface CellChange {
  name: string;
  label: string;
  /** What the input cell held, as it is shown: the mask when it is CPR-shaped (`maskedValue`). */
  old: CellValue;
  new: CellValue;
  /** The old value was typed by hand and the caller chose to replace it (--replace-typed). */
  forced?: boolean;
}

export interface IndicatorOutcome {
  indicator: string;
  status: 'skrevet' | 'bevaret' | 'fejl';
  tables: string[];
  period?: string;
  kommune?: number | string | null;
  region?: number | string | null;
  land?: number | string | null;
  message?: string;
}

export interface PullPlan {
  assessment: Assessment;
  data: DataContent;
  changed: CellChange[];
  /** Cells left alone because they hold a value typed by hand (only where not replaced). */
  kept: CellChange[];
  outcomes: IndicatorOutcome[];
  /**
   * Per indicator with a municipal figure (written or not): the defined names of the input cells
   * its figures go into, so a caller can read them again just before writing it.
   */
  targets: Record<string, string[]>;
}

/** Whether two cell values are the same figure or text (numbers within rounding, text trimmed). */
export const sameValue = (a: CellValue, b: CellValue) =>
  a === b || (typeof a === 'number' && typeof b === 'number' && approxEqual(a, b)) || (typeof a === 'string' && typeof b === 'string' && a.trim() === b.trim());

/**
 * Whether a cell still holds what the last pull logged. A number the pull wrote may read back from
 * the log as its text: Excel keeps a number written into a cell formatted as text ("@", which an
 * earlier log entry there may have needed) as text, "0.071" (or "0,071").
 */
export function sameLogged(now: CellValue, logged: CellValue): boolean {
  if (sameValue(now, logged)) return true;
  return typeof now === 'number' && typeof logged === 'string' && /^-?\d+([.,]\d+)?(E[+-]?\d+)?$/i.test(logged.trim()) && approxEqual(now, Number(logged.trim().replace(',', '.')));
}

function geoCode(k: Kommune, g: GeographyId): string {
  return g === 'Kommune' ? k.dstCode : g === 'Region' ? k.region.dstCode : '000';
}

/** The retrieval time in Danish time, e.g. "25-11-2026 14:05". */
const formatRetrieved = (iso: string) => danishTime(new Date(iso), true);

/** The input cells an indicator's figures go into, with their new values. */
function targetsOf(r: IndicatorFigures, k: Kommune, retrievedAt: string, source: FigureSource): Map<string, CellValue> {
  const t = new Map<string, CellValue>();
  const at = (g: GeographyId) => r.figures.get(geoCode(k, g))?.get(r.period) ?? { value: null };
  if (r.indicator === POPULATION_ID) {
    t.set(KOMMUNE_NAMES.indbyggere, at('Kommune').value);
    t.set(KOMMUNE_NAMES.indbyggerePeriode, `${r.period} (${r.tables.join(', ')}; ${source.citation})`);
    return t;
  }
  const ind = INDICATORS.find((i) => i.id === r.indicator)!;
  for (const g of GEOGRAPHIES) {
    const f = at(g.id);
    if (ind.andel) {
      const n = shareInputNames(ind, g.id);
      t.set(n.taeller, f.taeller ?? null);
      t.set(n.naevner, f.naevner ?? null);
      // A share typed by hand would be hidden by the counts: it is cleared (and so counts as typed by hand).
      t.set(n.indtastet, null);
    } else {
      t.set(indicatorName(ind, g.id), f.value === null ? null : round(f.value, storedDecimals(ind)));
    }
  }
  t.set(indicatorPeriodName(ind), r.period);
  t.set(indicatorSourceName(ind), `${source.name}, ${r.tables.join(', ')}`);
  t.set(provenanceName(ind, 'Geografi'), 'Kommunen');
  t.set(provenanceName(ind, 'Koder'), r.codes);
  t.set(provenanceName(ind, 'Hentet'), `${formatRetrieved(retrievedAt)}. ${source.citation}`);
  t.set(provenanceName(ind, 'Fodnote'), r.notes.length > 0 ? r.notes.join(' ').slice(0, 4000) : null);
  return t;
}

/**
 * A figure as the Data sheet stores it. A 0 that may be a suppressed cell (doubtful) is stored
 * blank, so it is not ranked as a real 0; the indicator's footnote names the areas.
 */
function stored(r: IndicatorFigures, code: string, period: string): StoredFigure {
  const f = r.figures.get(code)?.get(period);
  if (!f) return { value: null };
  if (f.taeller !== undefined) return f.doubtful ? { taeller: null, naevner: null } : { taeller: f.taeller, naevner: f.naevner ?? null };
  return { value: f.doubtful ? null : f.value };
}

/** The figure the workbook shows for an indicator at a geography after the pull. */
function shown(r: IndicatorFigures, k: Kommune, g: GeographyId): number | string | null {
  const f = r.figures.get(geoCode(k, g))?.get(r.period);
  if (!f) return null;
  const ind = INDICATORS.find((i) => i.id === r.indicator);
  if (ind?.andel) return figureValue(ind, f) as number | string | null;
  return f.value === null ? null : ind ? round(f.value, storedDecimals(ind)) : f.value;
}

export interface PlanOptions {
  /** Replace values typed by hand (each is listed as forced): for every indicator, or per indicator id. */
  replaceTyped: boolean | ((indicator: string) => boolean);
  /**
   * Indicators not to write this time, with the reason (status "bevaret"): a pull cancelled
   * before them, or cells edited while the pull ran.
   */
  hold?: ReadonlyMap<string, string>;
  /** Appended to the message of an indicator kept for its hand-typed cells (the CLI names --replace-typed). */
  typedHint?: string;
  /** Where the figures come from (Statistics Denmark unless replayed from constructed responses). */
  source?: FigureSource;
}

export function planPull(a: Assessment, cells: Map<string, CellValue>, old: DataContent, pull: PullResult, k: Kommune, opts: PlanOptions): PullPlan {
  const draft = structuredClone(a) as unknown as Record<string, unknown>;
  const data: DataContent = structuredClone(old);
  const changed: CellChange[] = [];
  const kept: CellChange[] = [];
  const outcomes: IndicatorOutcome[] = [];
  const targetNames: Record<string, string[]> = {};
  const replaces = (indicator: string) => (typeof opts.replaceTyped === 'function' ? opts.replaceTyped(indicator) : opts.replaceTyped);
  const retrieved = formatRetrieved(pull.retrievedAt);
  const source = opts.source ?? STATBANK_SOURCE;
  data.hentet = `${source.citation}. Hentet ${retrieved} for ${k.officieltNavn}.`;

  const write = (name: string, value: CellValue, forced: boolean) => {
    const field = fieldByName(name)!;
    const before = cells.get(name) ?? null;
    if (!sameValue(before, value)) changed.push({ name, label: field.label, old: maskedValue(before), new: value, ...(forced ? { forced } : {}) });
    setAtPath(draft, field.path, value);
    data.written[name] = value;
  };

  // The municipality itself is filled in only when blank. A pull for another municipality than the
  // one named (the CLI's --other-kommune) never renames it: Hentet_Kommune_Kode, below, says whose
  // figures the workbook holds, and validate and the summary say when the two differ.
  if ((cells.get(KOMMUNE_NAMES.navn) ?? null) === null) write(KOMMUNE_NAMES.navn, k.navn, false);

  for (const r of pull.results) {
    if (!r.ok) {
      outcomes.push({ indicator: r.indicator, status: 'fejl', tables: r.tables, message: r.message });
      continue;
    }
    // No municipal figure (a share without both counts, or with a denominator of 0, shows ""):
    // the indicator fails and keeps what an earlier pull wrote.
    if (typeof shown(r, k, 'Kommune') !== 'number') {
      outcomes.push({
        indicator: r.indicator,
        status: 'fejl',
        tables: r.tables,
        message: `${r.tables.join(', ')}: intet tal for ${k.navn} (${k.dstCode}) i ${r.period}; indikatoren er ikke ændret.`,
      });
      continue;
    }
    const targets = targetsOf(r, k, pull.retrievedAt, source);
    targetNames[r.indicator] = [...targets.keys()];
    const held = opts.hold?.get(r.indicator);
    if (held !== undefined) {
      outcomes.push({ indicator: r.indicator, status: 'bevaret', tables: r.tables, period: r.period, message: held });
      continue;
    }
    const handTyped = [...targets].filter(([name, value]) => {
      const now = cells.get(name) ?? null;
      if (now === null || sameValue(now, value)) return false;
      return !(name in old.written && sameLogged(now, old.written[name] ?? null));
    });
    const outcome: IndicatorOutcome = {
      indicator: r.indicator,
      status: 'skrevet',
      tables: r.tables,
      period: r.period,
      kommune: shown(r, k, 'Kommune'),
      region: shown(r, k, 'Region'),
      land: shown(r, k, 'Land'),
    };
    if (handTyped.length > 0 && !replaces(r.indicator)) {
      for (const [name, value] of handTyped) kept.push({ name, label: fieldByName(name)!.label, old: maskedValue(cells.get(name) ?? null), new: value });
      outcomes.push({ indicator: r.indicator, status: 'bevaret', tables: r.tables, period: r.period, message: `${handTyped.length} celle(r) er udfyldt i hånden; indikatoren er ikke ændret${opts.typedHint ?? ''}.` });
      continue;
    }
    // The indicator's new values must fit the workbook (ranges, counts): else it is not written.
    const trial = structuredClone(draft);
    for (const [name, value] of targets) setAtPath(trial, fieldByName(name)!.path, value);
    const checked = assessmentSchema.safeParse(trial);
    if (!checked.success) {
      const why = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      outcomes.push({ indicator: r.indicator, status: 'fejl', tables: r.tables, message: `${r.tables.join(', ')}: tallene passer ikke i projektmappen (${why}); tjek definitionen.` });
      continue;
    }
    const forcedNames = new Set(handTyped.map(([n]) => n));
    for (const [name, value] of targets) write(name, value, forcedNames.has(name));
    // The Data sheet: every area, and the trend of the municipality, its region and the country.
    data.periods[r.indicator] = r.period;
    for (const code of r.figures.keys()) {
      data.areas[code] ??= {};
      data.areas[code]![r.indicator] = stored(r, code, r.period);
    }
    if (r.indicator !== POPULATION_ID) {
      data.trend[r.indicator] = {
        periods: r.periods,
        figures: Object.fromEntries(GEOGRAPHIES.map((g) => [g.id, r.periods.map((p) => stored(r, geoCode(k, g.id), p))])) as Record<GeographyId, StoredFigure[]>,
      };
    }
    outcomes.push(outcome);
  }
  // Each table read gets its tableinfo's `updated` time in the log, so a later look can tell
  // when Statistics Denmark has newer figures than those written.
  for (const o of outcomes.filter((x) => x.status === 'skrevet')) {
    for (const table of o.tables) {
      const updated = pull.updated[table.toUpperCase()];
      if (updated) data.written[updatedKey(table)] = updated;
    }
  }
  // Which municipality's figures the workbook now holds (validate compares it with Kommune_Navn).
  if (outcomes.some((o) => o.status === 'skrevet')) write(KOMMUNE_NAMES.hentetKode, k.dstCode, false);
  return { assessment: assessmentSchema.parse(draft), data, changed, kept, outcomes, targets: targetNames };
}
