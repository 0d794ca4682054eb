/** Number formats of the workbook (Danish Excel shows '0.0 %' as 7,1 % and '#,##0' as 193.760). */
export const NUMBER_FORMATS = {
  andel: '0.0 %',
  kr: '#,##0',
  indeks: '0.0',
  antal: 'General',
  count: '#,##0',
  score: '0.0',
} as const;

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
