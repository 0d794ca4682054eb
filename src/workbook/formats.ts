/** Number formats of the workbook (Danish Excel shows '0.0 %' as 7,1 % and '#,##0' as 193.760). */
export const NUMBER_FORMATS = {
  andel: '0.0 %',
  kr: '#,##0',
  indeks: '0.0',
  antal: 'General',
  count: '#,##0',
  score: '0.0',
  /** Shown dd-mm-åååå in Danish Excel. */
  date: 'dd-mm-yyyy',
} as const;

const DAY_MS = 86_400_000;
/** Excel's serial day 0 (in the 1900 date system, after its 1900 leap-year quirk). */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** "2017-06-30" as Excel's serial date number (42916). */
export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - SERIAL_EPOCH) / DAY_MS);
}

/** Excel's last date, 31-12-9999, as its serial number. */
export const MAX_SERIAL = 2958465;

/** Excel's serial date number (its whole days) as "2017-06-30"; undefined outside Excel's dates. */
export function serialToIso(serial: number): string | undefined {
  if (!(serial >= 0 && serial <= MAX_SERIAL)) return undefined;
  return new Date(SERIAL_EPOCH + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** A date typed as text: "30-06-2017", "30.6.2017", "30/6/2017" or "2017-06-30"; undefined if it is none. */
export function parseDanishDate(text: string): string | undefined {
  const t = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})$/.exec(t);
  if (match) [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t))) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

/** A moment in Danish time, "25-11-2026", or with the time, "25-11-2026 14:05". */
export function danishTime(when: Date, withTime = false): string {
  const parts = new Intl.DateTimeFormat('da-DK', {
    timeZone: 'Europe/Copenhagen',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).formatToParts(when);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('day')}-${part('month')}-${part('year')}`;
  return withTime ? `${date} ${part('hour')}:${part('minute')}` : date;
}
