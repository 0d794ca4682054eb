/**
 * What a workbook that an output would replace (or be written into) holds, and whether it may be:
 * one rule for the command line's `--force` and the pane's *Saml*, decided from one read through
 * the port (a file's selective read, or the workbook open in Excel). Pure.
 *
 * - An assessment is a workbook with the template's `Template_Version` name; it has "any input
 *   filled in" when its inputs, as the assessment reader reads them, differ from the empty
 *   template's (a cell whose content has a problem counts as filled, and so does an assessment
 *   that cannot be read at all: nothing is assumed blank that was not read as blank).
 * - An overview is a workbook with a *Filer* sheet and no `Template_Version` name.
 * - Anything else that opens is some other workbook. A zip or compound file that does not open
 *   (damaged, encrypted, over the limits) may still be someone's assessment, so it is never
 *   replaced; bytes of no workbook format (empty, text, a PDF) hold none.
 */
import { danishList } from '../model/danish';
import { findKommuneByName } from '../model/geography';
import { KOMMUNE_NAMES, TEMPLATE_VERSION_NAME } from '../model/indicators';
import { maskCpr } from '../model/cpr';
import { emptyAssessment, type Assessment } from '../model/schema';
import type { ReadResult } from '../workbook/reader';
import type { ReadView } from '../workbook/view';
import { FILER_SHEET } from './sheets/filer';

export type Occupant =
  /**
   * `kommune`: the municipality it is filled in for (the known name), or null when none is chosen;
   * `inputs`: its inputs as read, canonically (null when a cell's content was refused or nothing could be read).
   */
  | { kind: 'assessment'; kommune: string | null; filled: boolean; inputs: string | null }
  | { kind: 'overview' }
  | { kind: 'workbook' }
  /** A zip or OLE2 compound file that does not open as a workbook (damaged, encrypted, over the limits): it may hold an assessment. */
  | { kind: 'unreadable'; problem: string }
  /** Bytes of no workbook format at all (empty, text, a PDF). */
  | { kind: 'notWorkbook' };

/** Whether the read has the template's version name at workbook level. */
const hasVersionName = (view: ReadView) => view.result.names.some((n) => n.scope === null && n.name.toLowerCase() === TEMPLATE_VERSION_NAME.toLowerCase());

/**
 * What the workbook read in `view` holds; `result` is the assessment reader's read of the same view
 * (assessmentFrom), `view` must have read the sheets and names (assessmentRequest does).
 */
export function occupantOf(view: ReadView, result: ReadResult): Occupant {
  if (!hasVersionName(view)) return view.hasSheet(FILER_SHEET) ? { kind: 'overview' } : { kind: 'workbook' };
  const partial = result.partial;
  const typed = result.cells.get(KOMMUNE_NAMES.navn);
  const named = partial?.kommune.navn ?? (typeof typed === 'string' && typed.trim() !== '' ? typed : null);
  const kommune = named === null ? null : (findKommuneByName(named)?.navn ?? maskCpr(named.trim()).slice(0, 40));
  // A cell whose content the reader refused was typed into; a read with no assessment at all is not known to be blank.
  const refused = result.problems.some((p) => p.name !== undefined && p.name !== TEMPLATE_VERSION_NAME && !p.structural);
  const inputs = partial && result.version !== undefined && !refused ? canonical(partial) : null;
  const filled = inputs === null || inputs !== canonical(emptyAssessment(result.version!));
  return { kind: 'assessment', kommune, filled, inputs };
}

/** A value as JSON with every object's keys sorted: two assessments compare equal whatever order they were built in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** What the output being written is, for deciding what it may replace. */
export interface ReplaceContext {
  /**
   * The municipality whose assessment the output is (summary, fetch, upgrade: the input's; null
   * when the input names none): an assessment of it may be replaced. Absent for other commands.
   */
  kommune?: string | null;
  /** The assessment the output holds (demo): an assessment with exactly these inputs may be replaced, as nothing of it is lost. */
  writes?: Assessment;
}

/** How a message names an assessment: "Køges udfyldte vurdering". */
export function assessmentText(o: { kommune: string | null; filled: boolean }): string {
  if (!o.filled) return 'en tom skabelon';
  return o.kommune === null ? 'en udfyldt vurdering uden valgt kommune' : `en udfyldt vurdering for ${o.kommune}`;
}

/**
 * Why an output may not replace the existing file that holds `occupant`, in Danish (undefined when
 * it may): only a file that is not an assessment with any input filled in (nor a workbook file
 * that cannot be read, which may be one) is replaced; or an assessment of `kommune` itself, when
 * the output is an assessment of that municipality (summary, fetch, upgrade: their output is the
 * input's assessment, and the re-run replaces its own output); or one whose inputs are exactly the
 * ones the output `writes` (a demo over an earlier demo: nothing is lost).
 */
export function replaceRefusal(occupant: Occupant, { kommune, writes }: ReplaceContext = {}): string | undefined {
  if (occupant.kind === 'unreadable') {
    return `findes, men kan ikke læses som projektmappe (${occupant.problem.replace(/\.$/, '')}), så den kan være en udfyldt vurdering; den overskrives ikke, heller ikke med --force. Vælg en anden outputfil, eller flyt filen først.`;
  }
  if (occupant.kind !== 'assessment' || !occupant.filled) return undefined;
  if (writes && occupant.inputs !== null && occupant.inputs === canonical(writes)) return undefined;
  const same = kommune !== undefined && kommune !== null && occupant.kommune !== null && findKommuneByName(kommune)?.navn === occupant.kommune;
  if (same) return undefined;
  const allowed = danishList(
    [
      'en fil, der ikke er en udfyldt vurdering',
      ...(kommune !== undefined && kommune !== null ? [`en vurdering for ${kommune} selv`] : []),
      ...(writes ? ['en vurdering med præcis de samme indtastninger (fx kommandoens egen tidligere output)'] : []),
    ],
    'eller',
  );
  return `findes og er ${assessmentText(occupant)}; den overskrives ikke, heller ikke med --force (--force erstatter kun ${allowed}). Vælg en anden outputfil, eller flyt filen først.`;
}

/**
 * Why the overview may not be written into the open workbook (undefined when it may): never into
 * a workbook that holds an assessment, filled in or not, so that every municipality's figures do
 * not travel inside one municipality's file.
 */
export function overviewTargetRefusal(occupant: Occupant): string | undefined {
  if (occupant.kind !== 'assessment') return undefined;
  const what = occupant.filled ? assessmentText(occupant) : 'parathed-skabelonen';
  return `Denne projektmappe er ${what}, så oversigten skrives ikke i den (alle kommuners tal ville ellers følge med én kommunes fil). Åbn en ny, tom projektmappe i Excel (Filer > Ny > Tom projektmappe), åbn tilføjelsesprogrammet i den, og saml der.`;
}
