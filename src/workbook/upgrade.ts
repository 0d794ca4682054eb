/**
 * What upgrading a workbook of an older template version to the current one carries over, decided
 * from one read of it: every input as read through its own layout, the Data sheet and the log of
 * the last pull (so pulled figures stay pulled), the names that moved, what could not be carried
 * (a cell with a problem keeps nothing the current template could hold), the sheets a user
 * added (which the new workbook would not have), and what else the user made that the upgrade
 * would lose (names that are not the template's, notes on its sheets). Pure.
 */
import { maskCpr } from '../model/cpr';
import { findKommuneByName } from '../model/geography';
import { KOMMUNE_NAMES, TEMPLATE_VERSION, TEMPLATE_VERSION_NAME, VURDERING_DATO_NAME } from '../model/indicators';
import type { Assessment } from '../model/schema';
import { LIST_NAMES } from './layout';
import { BUILT_IN_NAMES } from './port';
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
  /**
   * What the upgrade would lose that the user made, each a problem (empty when nothing): defined
   * names that are not the template's (workbook-level or on a template sheet; a name that belongs
   * to a sheet of the user's own goes with that sheet), and notes on the template's sheets (when
   * the read could list them). Both the command line and the pane refuse while there is any.
   */
  lost: Problem[];
  /** Whether the read listed the notes (the Office adapter cannot): when not, notes on the template's sheets are not in `lost`, and would be lost unseen. */
  notesListed: boolean;
}

/** What an upgrade of the workbook in `view` would lose (see UpgradePlan.lost). */
function lostByUpgrade(view: WorkbookRead['view'], templateNames: Set<string>, templateSheets: Set<string>, extraSheets: Set<string>): Problem[] {
  const lost: Problem[] = [];
  for (const n of view.result.names) {
    const name = n.name.toLowerCase();
    if (BUILT_IN_NAMES.has(name) || (n.scope === null && templateNames.has(name))) continue;
    if ((n.scope !== null && extraSheets.has(n.scope)) || (n.scope === null && n.target && extraSheets.has(n.target.sheet))) continue;
    const where = n.scope === null ? 'i hele projektmappen' : `på arket ${maskCpr(n.scope)}`;
    lost.push({ message: `Navnet ${maskCpr(n.name)} (${where}) hører ikke til skabelonen og ville gå tabt. Slet det i Navnestyring (Formler > Navnestyring), eller skriv ned, hvad det gjaldt, og opret det igen efter opgraderingen.` });
  }
  const notes = new Map<string, string[]>();
  for (const note of view.result.notes ?? []) {
    if (!templateSheets.has(note.sheet)) continue;
    notes.set(note.sheet, [...(notes.get(note.sheet) ?? []), note.cell]);
  }
  for (const [sheet, cells] of notes) {
    lost.push({ sheet: maskCpr(sheet), message: `Arket ${maskCpr(sheet)} har noter (kommentarer) i ${cells.length === 1 ? 'cellen' : 'cellerne'} ${cells.join(', ')}, som ville gå tabt. Skriv dem ned, eller flyt dem til et eget ark, og opgrader så.` });
  }
  return lost;
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
  const extraSheets = view.result.sheets.map((s) => s.name).filter((s) => !known.has(s));
  const templateNames = new Set([...Object.keys(old.names), ...Object.keys(now.names), ...Object.values(LIST_NAMES), TEMPLATE_VERSION_NAME].map((n) => n.toLowerCase()));
  const templateSheets = new Set(view.result.sheets.map((s) => s.name).filter((s) => known.has(s)));
  return {
    from: from!,
    to: TEMPLATE_VERSION,
    assessment,
    data,
    moved,
    notCarried: result.problems,
    notes,
    extraSheets: extraSheets.map(maskCpr),
    lost: lostByUpgrade(view, templateNames, templateSheets, new Set(extraSheets)),
    notesListed: view.result.notes !== undefined,
  };
}
