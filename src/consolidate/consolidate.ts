/**
 * Many municipalities' checked files into one overview: every file's final status (decideFiles:
 * the same bytes twice are one assessment; two files of one municipality with the same assessment
 * date, both blank too, are rejected, each naming the other; one municipality's files of
 * different dates are its history, the newest its row, the one before feeding the change in its
 * score); the rows sorted by score, highest first, incomplete last; and where the rows' periods
 * of an indicator differ, which period most have and which files differ. Pure.
 */
import { danishList } from '../model/danish';
import { INDICATORS, type Indicator } from '../model/indicators';
import { isNumber, type FormulaValue } from '../scoring/excel';
import { changeValue } from '../scoring/score';
import type { Entry, FileCheck, Reason } from './check';

/** What a file is in the overview. */
export type Role = 'række' | 'forrige' | 'ældre';

export interface CheckedFile extends FileCheck {
  role: Role | null;
}

export interface OverviewRow {
  entry: Entry;
  file: string;
  /** Samlet score minus the previous cycle's ('' when either is blank or there is none). */
  change: FormulaValue;
}

export interface PeriodDifference {
  indicator: Indicator;
  /** The period most rows have (null: blank). */
  common: string | null;
  count: number;
  differing: { file: string; periode: string | null }[];
}

export interface Consolidation {
  /** Every input file, in the order given. */
  files: CheckedFile[];
  rows: OverviewRow[];
  periods: PeriodDifference[];
}

const dateText = (iso: string | null) => (iso === null ? 'tom' : iso.split('-').reverse().join('-'));
const fileReason = (message: string): Reason => ({ sheet: null, cell: null, name: null, message });
const reject = (f: FileCheck, message: string): FileCheck => ({ ...f, status: 'afvist', reasons: [fileReason(message), ...f.reasons] });

/** Groups items by a key, in the order first met. */
function groupBy<T>(items: T[], key: (t: T) => string | undefined): T[][] {
  const groups = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), t]);
  }
  return [...groups.values()];
}

/** A file's name without its folder (the pane has no folders; the command line's are alike). */
const baseName = (file: string) => file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
/** Danish name order ("aa" is "å"), the whole name as a tie-break. */
const byName = (a: FileCheck, b: FileCheck) => baseName(a.file).localeCompare(baseName(b.file), 'da') || a.file.localeCompare(b.file, 'da');

/**
 * Every file's final status, the cross-file rules applied to the files as each was checked (the
 * one decision the command line's Filer and the pane's Saml both show): the same bytes twice are
 * one assessment, the first in Danish name order used with its own status and the others
 * rejected; two different files of one municipality with the same assessment date (both blank
 * too) both rejected, each naming the other; a municipality's other files its history, by date.
 * The files stay in the order given. Pure.
 */
export function decideFiles(checked: readonly FileCheck[]): CheckedFile[] {
  let files = [...checked];
  const replace = (from: FileCheck, to: FileCheck) => (files = files.map((f) => (f === from ? to : f)));

  // The same bytes twice: one assessment, counted once. Each copy is rejected at once (so no rule
  // below counts it); what it says of the file used waits for that file's final status.
  const copies: { copy: number; used: number }[] = [];
  for (const same of groupBy(files, (f) => f.sha256 ?? undefined)) {
    if (same.length < 2) continue;
    const [used, ...others] = [...same].sort(byName) as [FileCheck, ...FileCheck[]];
    const usedAt = files.indexOf(used);
    replace(used, { ...used, reasons: [...used.reasons, fileReason(`kopi: ${danishList(others.map((o) => o.file))} har samme indhold (SHA-256), så ${others.length === 1 ? 'den' : 'de'} ikke tælles med igen.`)] });
    for (const f of others) {
      copies.push({ copy: files.indexOf(f), used: usedAt });
      replace(f, { ...f, status: 'afvist' });
    }
  }
  // One municipality, one date (or both blank): which one holds is not for parathed to guess.
  const accepted = () => files.filter((f) => f.status !== 'afvist' && f.entry);
  for (const same of groupBy(accepted(), (f) => `${f.entry!.kommune.dstCode} ${f.entry!.dato ?? ''}`)) {
    if (same.length < 2) continue;
    const { kommune, dato } = same[0]!.entry!;
    for (const f of same) {
      const others = danishList(same.filter((o) => o !== f).map((o) => o.file));
      replace(f, reject(f, `${kommune.navn} har flere filer med samme vurderingsdato (${dateText(dato)}): ${others}. Parathed kan ikke vide, hvilken der gælder, så ingen af dem kommer med. Ret Vurdering_Dato, eller fjern den forkerte fil.`));
    }
  }

  // A copy names the file used, and says it is used only when it is (not rejected by itself or by the rule above).
  for (const { copy, used } of copies) {
    const f = checked[copy]!;
    const u = files[used]!;
    files[copy] = reject(f, `samme indhold som ${u.file}${u.status === 'afvist' ? '' : ', som er brugt'} (SHA-256 er ens): kopien tælles ikke med igen. Fjern kopien.`);
  }

  // History: a municipality's files newest first (a blank date counts as the oldest).
  const roles = new Map<FileCheck, Role>();
  for (const cycles of groupBy(accepted(), (f) => f.entry!.kommune.dstCode)) {
    cycles.sort((a, b) => (b.entry!.dato ?? '').localeCompare(a.entry!.dato ?? ''));
    cycles.forEach((f, i) => roles.set(f, i === 0 ? 'række' : i === 1 ? 'forrige' : 'ældre'));
  }
  return files.map((f) => ({ ...f, role: roles.get(f) ?? null }));
}

export function consolidate(checked: readonly FileCheck[]): Consolidation {
  const files = decideFiles(checked);
  // A row per municipality: its newest file, the one before it feeding the change.
  const rows: OverviewRow[] = [];
  for (const cycles of groupBy(files.filter((f) => f.role !== null), (f) => f.entry!.kommune.dstCode)) {
    const newest = cycles.find((f) => f.role === 'række')!;
    const previous = cycles.find((f) => f.role === 'forrige');
    rows.push({ entry: newest.entry!, file: newest.file, change: previous ? changeValue(previous.entry!.score.samlet, newest.entry!.score.samlet, 1) : '' });
  }
  const samlet = (r: OverviewRow) => r.entry.score.samlet;
  rows.sort((a, b) => {
    const [x, y] = [samlet(a), samlet(b)];
    if (isNumber(x) !== isNumber(y)) return isNumber(x) ? -1 : 1;
    if (isNumber(x) && isNumber(y) && x !== y) return y - x;
    return a.entry.kommune.navn.localeCompare(b.entry.kommune.navn, 'da');
  });

  // Periods that differ between the rows, per indicator.
  const periods: PeriodDifference[] = [];
  for (const indicator of INDICATORS) {
    const values = rows.map((r) => ({ file: r.file, periode: r.entry.indicators[indicator.id]!.periode }));
    const counts = new Map<string | null, number>();
    for (const v of values) counts.set(v.periode, (counts.get(v.periode) ?? 0) + 1);
    if (counts.size < 2) continue;
    // The most common; on a tie the latest period (periods sort as text: 2017, 2017K1, 2017/18).
    const [common, count] = [...counts].sort((a, b) => b[1] - a[1] || (b[0] ?? '').localeCompare(a[0] ?? ''))[0]!;
    periods.push({ indicator, common, count, differing: values.filter((v) => v.periode !== common) });
  }
  return { files, rows, periods };
}
