/**
 * What upgrading a workbook of an older template version to the current one carries over, decided
 * from one read of it: every input as read through its own layout, the Data sheet and the log of
 * the last pull (so pulled figures stay pulled), the names that moved, what could not be carried
 * (a cell with a problem keeps nothing the current template could hold), and the sheets a user
 * added (which the new workbook would not have). Pure.
 */
import { maskCpr } from '../model/cpr';
import { findKommuneByName } from '../model/geography';
import { KOMMUNE_NAMES, TEMPLATE_VERSION, VURDERING_DATO_NAME } from '../model/indicators';
import type { Assessment } from '../model/schema';
import type { WorkbookRead } from './reader';
import type { DataContent } from './sheets/data';
import type { Problem } from './validate';
import { currentLayout, layoutOf } from './versions';

export interface Move {
  name: string;
  /** "Kommune!C7"; absent for a name the older version did not have. */
  from?: string;
  to: string;
}

export interface UpgradePlan {
  from: string;
  to: string;
  assessment: Assessment;
  data: DataContent;
  /** Names whose cell moved, and names the new version adds. */
  moved: Move[];
  /** Inputs that could not be carried over (their problem says why). */
  notCarried: Problem[];
  /** Values the upgrade filled in itself, said as it does. */
  notes: string[];
  /** Sheets in the workbook that neither version's template has (besides a summary), as shown (CPR-shaped numbers masked). */
  extraSheets: string[];
}

export function planUpgrade(read: WorkbookRead, summarySheet: string): UpgradePlan | { problems: Problem[] } {
  const { result, data, view } = read;
  const from = result.version;
  const old = from === undefined ? undefined : layoutOf(from);
  if (!old || !result.partial || result.problems.some((p) => p.structural)) return { problems: result.problems };
  const now = currentLayout();
  const assessment = { ...structuredClone(result.partial), templateVersion: TEMPLATE_VERSION };
  const notes: string[] = [];

  // Which municipality's figures the workbook holds, where the older version did not say it: the
  // one the last pull named (it writes Kommune_Navn when it fills or replaces it), else the one named.
  if (!(KOMMUNE_NAMES.hentetKode in old.names) && Object.keys(data.written).length > 0) {
    const pulled = data.written[KOMMUNE_NAMES.navn];
    const k = findKommuneByName(typeof pulled === 'string' ? pulled : (assessment.kommune.navn ?? ''));
    if (k) {
      assessment.kommune.hentetKode = k.dstCode;
      notes.push(`${KOMMUNE_NAMES.hentetKode} er sat til ${k.dstCode} (${k.officieltNavn}), den kommune, den seneste hentning var for.`);
    }
  }
  if (!(VURDERING_DATO_NAME in old.names)) notes.push(`${VURDERING_DATO_NAME} er ny i version ${TEMPLATE_VERSION}: skriv datoen for vurderingen.`);

  const moved: Move[] = Object.entries(now.names)
    .filter(([name, to]) => old.names[name] !== to)
    .map(([name, to]) => ({ name, to, ...(old.names[name] ? { from: old.names[name] } : {}) }));
  const known = new Set([...old.sheets, ...now.sheets, summarySheet]);
  return {
    from: from!,
    to: TEMPLATE_VERSION,
    assessment,
    data,
    moved,
    notCarried: result.problems,
    notes,
    extraSheets: view.result.sheets.map((s) => s.name).filter((s) => !known.has(s)).map(maskCpr),
  };
}
