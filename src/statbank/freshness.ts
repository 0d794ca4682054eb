/**
 * "Nye tal?": whether Statistics Denmark has newer figures than those a workbook holds. The last
 * pull recorded each table's `tableinfo` `updated` time in the log (src/workbook/sheets/log.ts);
 * one `tableinfo` request per table now gives the current time, and an indicator has newer
 * figures when a table it reads was updated after the recorded time. Nothing is written. Pure
 * apart from the client it is given: `parathed fetch FILE --check` and the pane use it alike.
 */
import { INDICATORS } from '../model/indicators';
import { tablesOf, termsOf, type Definitions } from '../model/statbank';
import { StatbankError, UNREACHABLE_CODES, type StatbankClient } from './client';

export interface TableFreshness {
  table: string;
  /** The `updated` time the last pull recorded, null when none is recorded. */
  recorded: string | null;
  /** The `updated` time tableinfo gives now, null when the table could not be read. */
  current: string | null;
  newer: boolean;
  /** Why the table could not be read. */
  message?: string;
}

export interface IndicatorFreshness {
  indicator: string;
  navn: string;
  tables: string[];
  /** A table it reads has figures newer than those written. */
  newer: boolean;
  /** A table it reads has no recorded time (never pulled, or before template 1.1) or could not be read. */
  unknown: boolean;
}

export interface FreshnessReport {
  tables: TableFreshness[];
  indicators: IndicatorFreshness[];
  /** The indicators with newer figures, in the definitions' order. */
  newer: string[];
  requests: number;
  /** Set when StatBank could not be reached at all (then nothing is known: a pane says nothing). */
  unreachable?: string;
}

/** A StatBank time ("2025-03-25T08:00:00", Danish time without a zone) as "25-03-2025 08:00". */
export function showUpdated(time: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(time);
  return m ? `${m[3]}-${m[2]}-${m[1]} ${m[4]}:${m[5]}` : time;
}

/** Whether `current` is later than `recorded` (both StatBank times; compared as text when not times). */
export function isNewer(current: string, recorded: string): boolean {
  const a = Date.parse(current);
  const b = Date.parse(recorded);
  if (Number.isFinite(a) && Number.isFinite(b)) return a > b;
  return current.trim() !== recorded.trim();
}

/**
 * Compares the recorded `updated` times (`tableUpdates` of the workbook's Data content: table id
 * → time) with each table's current one.
 */
export async function checkForNewer(client: StatbankClient, defs: Definitions, recorded: Readonly<Record<string, string>>, opts: { signal?: AbortSignal } = {}): Promise<FreshnessReport> {
  const before = client.requests;
  client.restartDeadline();
  const tables: TableFreshness[] = [];
  let unreachable: string | undefined;
  for (const table of tablesOf(defs)) {
    if (opts.signal?.aborted) break;
    const was = recorded[table.toUpperCase()] ?? null;
    try {
      const info = await client.tableInfo(table);
      const current = info.updated ?? null;
      tables.push({ table: info.id, recorded: was, current, newer: current !== null && was !== null && isNewer(current, was) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // Out of reach before any table answered: the other tables are not tried.
      if (err instanceof StatbankError && UNREACHABLE_CODES.includes(err.code) && tables.every((t) => t.current === null)) {
        unreachable = `Det kunne ikke undersøges, om Danmarks Statistik har nye tal: ${message.replace(/^[A-Za-z0-9_]+: /, '')}`;
        break;
      }
      tables.push({ table, recorded: was, current: null, newer: false, message });
    }
  }
  const byTable = new Map(tables.map((t) => [t.table.toUpperCase(), t]));
  const indicators = unreachable
    ? []
    : defs.indicators.map((d): IndicatorFreshness => {
        const used = [...new Set(termsOf(d.figure).map((t) => t.table.toUpperCase()))];
        const states = used.map((t) => byTable.get(t));
        return {
          indicator: d.indicator,
          navn: INDICATORS.find((i) => i.id === d.indicator)?.navn ?? d.indicator,
          tables: used,
          newer: states.some((s) => s?.newer),
          unknown: states.some((s) => !s || s.recorded === null || s.current === null),
        };
      });
  return {
    tables: unreachable ? [] : tables,
    indicators,
    newer: indicators.filter((i) => i.newer).map((i) => i.indicator),
    requests: client.requests - before,
    ...(unreachable ? { unreachable } : {}),
  };
}
