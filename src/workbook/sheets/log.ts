/**
 * Hentninger (hidden): what the last pull wrote into input cells, by defined name, so the next
 * pull tells a value typed by hand from one it wrote itself.
 */
import type { CellValue } from '../../scoring/excel';
import { SheetBuilder, type SheetSpec } from '../description';
import { LOG_SHEET } from '../layout';
import type { DataContent } from './data';

/** The log's first row of entries (row 1 holds the headers); name in column A, value in B. */
export const LOG_FIRST_ROW = 2;

export function describeLogSheet(data: DataContent): SheetSpec {
  const s = new SheetBuilder(LOG_SHEET, [40, 40], { hidden: true });
  s.text(1, 'Navn', 'tableHeader');
  s.text(2, 'Værdi skrevet ved seneste hentning', 'tableHeader');
  s.next();
  if (s.row !== LOG_FIRST_ROW) throw new Error('Log sheet layout out of step with LOG_FIRST_ROW');
  for (const [name, value] of Object.entries(data.written).sort(([a], [b]) => a.localeCompare(b))) {
    s.text(1, name, 'text');
    s.put(2, { value: logValue(value), style: 'text' });
    s.next();
  }
  return s.spec;
}

const logValue = (value: CellValue) => (typeof value === 'boolean' ? String(value) : value);

/**
 * The log's entry for a table's `updated` time at the last pull ("Opdateret:AULKP01"): a key no
 * defined name can have, beside the names in the same log.
 */
export const updatedKey = (table: string) => `Opdateret:${table.toUpperCase()}`;

/** Each table's `updated` time as the last pull recorded it, by table id. */
export function tableUpdates(data: DataContent): Record<string, string> {
  const prefix = updatedKey('');
  return Object.fromEntries(
    Object.entries(data.written)
      .filter(([k, v]) => k.startsWith(prefix) && typeof v === 'string')
      .map(([k, v]) => [k.slice(prefix.length), v as string]),
  );
}
