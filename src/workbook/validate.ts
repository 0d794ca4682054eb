/**
 * Validation of a workbook's input cells, whatever read them (ExcelJS for files, Office.js in
 * the task pane): raw cell contents by defined name in, a zod-validated assessment or a list of
 * problems with sheet, cell and a Danish message out. Pure.
 */
import { KOMMUNER, findKommuneByName } from '../model/geography';
import { GEOGRAPHIES, INDICATORS, KNOWN_TEMPLATE_VERSIONS, KOMMUNE_NAMES, TEMPLATE_VERSION, TEMPLATE_VERSION_NAME, VURDERING_DATO_NAME, indicatorName, shareInputNames } from '../model/indicators';
import { PARAMETERS } from '../model/parameters';
import { SCALE, SCALE_MAX, SCALE_MIN } from '../model/scale';
import { looksLikeCpr } from '../model/cpr';
import { emptyAssessment, schemaAt, type Assessment } from '../model/schema';
import type { z } from 'zod';
import type { CellValue } from '../scoring/excel';
import { ratingValue, scoreCells, type ScoreResult } from '../scoring/score';
import { fieldAtPath, inputFields, setAtPath, type InputField } from './fields';
import { parseDanishDate, serialToIso } from './formats';
import type { Location } from './template';
import { currentLayout, layoutOf, location, type LayoutData } from './versions';

export type { Location } from './template';

export interface Problem {
  sheet?: string;
  cell?: string;
  name?: string;
  message: string;
  /** The workbook's structure is broken (a sheet, name or formula missing or changed). */
  structural?: boolean;
  /** The workbook is not a layout this release reads: nothing more is read from it. */
  unreadable?: boolean;
  /** A computed cell no longer holds the template's formula (a structural problem). */
  formula?: boolean;
}

/** What a reader found for one defined name (`date` when the cell holds a date, its value the serial number). */
export type FoundCell = { at: Location; value: CellValue; date?: boolean } | { at: Location; problem: string } | { missing: string };

export interface ValidationResult {
  /** The template version the workbook says it is (when it says one this release reads). */
  version?: string;
  /** The validated assessment; absent when there are problems. */
  assessment?: Assessment;
  /** The assessment with every field that has a problem left blank: for a summary of what there is. */
  partial?: Assessment;
  /** Raw contents of every input cell found, by defined name. */
  cells: Map<string, CellValue>;
  /** The score as the workbook's formulas compute it from the cells as they stand. */
  score?: ScoreResult;
  problems: Problem[];
}

/** How a message quotes what the user typed: never repeating something shaped like a CPR number. */
function quoted(raw: CellValue): string {
  if (looksLikeCpr(raw)) return 'Værdien (der ligner et CPR-nummer)';
  const text = String(raw);
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

const scaleText = SCALE.map((s) => `${s.value} = ${s.label}`).join(', ');

/** Converts a raw value to what the field holds, or says why it cannot. */
function convert(field: InputField, raw: CellValue): { value: unknown } | { problem: string } {
  if (field.kind !== 'rating' && typeof raw === 'string' && raw.trim() === '') return { value: null };
  if (raw === null) return { value: null };
  switch (field.kind) {
    case 'rating': {
      const counted = ratingValue(raw);
      if (typeof counted === 'number') return { value: Math.round(counted) };
      if (typeof raw === 'number') {
        const shown = looksLikeCpr(raw) ? '' : `${String(raw).replace('.', ',')} `;
        if (!Number.isInteger(raw)) return { problem: `Vurderingen ${shown}er ikke et helt tal: vælg ${SCALE_MIN}–${SCALE_MAX} (${scaleText}).` };
        return { problem: `Vurderingen ${shown}ligger uden for skalaen ${SCALE_MIN}–${SCALE_MAX} (${scaleText}).` };
      }
      if (typeof raw === 'string' && raw.trim() === '') return { problem: 'Cellen ser tom ud, men indeholder mellemrum eller tom tekst: slet indholdet (Delete).' };
      if (typeof raw === 'string' && /^\s*\d+([.,]\d+)?\s*$/.test(raw) && !looksLikeCpr(raw)) {
        return { problem: `Tallet ${raw.trim()} er gemt som tekst og tæller ikke med: skriv det igen som tal (${SCALE_MIN}–${SCALE_MAX}).` };
      }
      return { problem: `${quoted(raw)} er ikke en vurdering: vælg ${SCALE_MIN}–${SCALE_MAX} (${scaleText}).` };
    }
    case 'count':
    case 'figure':
      if (typeof raw !== 'number') {
        return { problem: `${quoted(raw)} er ikke et tal. Skriv kun tallet${field.kind === 'count' ? ' (et antal)' : ''}, eller lad cellen stå tom.` };
      }
      return { value: raw };
    case 'kommune':
      if (typeof raw !== 'string') return { problem: 'Vælg kommunens navn på listen.' };
      return { value: findKommuneByName(raw)?.navn ?? raw };
    case 'kommuneKode':
      // Written by the pull as text ("183"); a number typed in its place is read the same.
      return { value: typeof raw === 'number' && Number.isInteger(raw) ? String(raw).padStart(3, '0') : String(raw).trim() };
    case 'date': {
      // A date cell reads as its serial number (Excel stores dates as numbers); a date typed as text is read too.
      // (A number past Excel's last date is no date.)
      const iso = typeof raw === 'number' ? (raw >= 1 ? serialToIso(raw) : undefined) : typeof raw === 'string' ? parseDanishDate(raw) : undefined;
      return iso ? { value: iso } : { problem: `${quoted(raw)} er ikke en dato: skriv datoen som dd-mm-åååå, fx 30-06-2017.` };
    }
    case 'theme':
    case 'text':
    case 'shortText':
      if (typeof raw === 'boolean') return { value: raw ? 'SAND' : 'FALSK' };
      return { value: typeof raw === 'number' ? String(raw) : raw };
  }
}

/** Each input field's schema (schemaAt) and its verdict on a blank: found once per field, as most cells of a workbook are blank. */
const fieldChecks = new Map<string, { schema: z.ZodType; blank: ReturnType<z.ZodType['safeParse']> }>();
function fieldCheck(field: InputField): { schema: z.ZodType; blank: ReturnType<z.ZodType['safeParse']> } {
  let check = fieldChecks.get(field.name);
  if (!check) {
    const schema = schemaAt(field.path);
    check = { schema, blank: schema.safeParse(null) };
    fieldChecks.set(field.name, check);
  }
  return check;
}

/** Compares "1.10" and "1.9" as versions: negative, 0 or positive. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [a, b].map((v) => v.split('.').map(Number));
  for (let i = 0; i < Math.max(x!.length, y!.length); i++) {
    const d = (x![i] ?? 0) - (y![i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Checks the template version; a problem when it is missing or unknown. */
export function checkVersion(found: FoundCell): Problem | undefined {
  if ('missing' in found) {
    return { name: TEMPLATE_VERSION_NAME, message: `Navnet ${TEMPLATE_VERSION_NAME} mangler: projektmappen er ikke lavet ud fra parathed-skabelonen.` };
  }
  const version = 'value' in found && found.value !== null ? String(found.value) : '';
  if (KNOWN_TEMPLATE_VERSIONS.includes(version)) return undefined;
  const newer = /^\d+(\.\d+)*$/.test(version) && compareVersions(version, TEMPLATE_VERSION) > 0;
  return {
    ...found.at,
    name: TEMPLATE_VERSION_NAME,
    unreadable: true,
    message: newer
      ? `Projektmappen er skabelonversion ${version}, som er nyere end denne version af parathed (den kan læse ${KNOWN_TEMPLATE_VERSIONS.join(', ')}). Opdater parathed.`
      : `Ukendt skabelonversion "${version}". Denne version af parathed kan læse version ${KNOWN_TEMPLATE_VERSIONS.join(', ')}.`,
  };
}

/**
 * Validates the input cells found (by defined name) into an assessment, field by field: a field
 * with a problem is blank in the partial assessment and reported once at its cell; a share whose
 * counts do not fit together (only one of them, tæller above nævner, nævner 0) blanks that
 * indicator's geography only. Everything else stays, so a summary can show what there is.
 */
export function validateCells(version: string, find: (name: string) => FoundCell, layout: LayoutData = currentLayout()): ValidationResult {
  const cells = new Map<string, CellValue>();
  const problems: Problem[] = [];
  const draft = emptyAssessment(version) as unknown as Record<string, unknown>;
  const locations = new Map<string, Location>();
  const placed = (name: string) => (layout.names[name] ? location(layout.names[name]) : undefined);
  const report = (field: InputField, message: string, at = locations.get(field.name) ?? placed(field.name)) =>
    problems.push({ ...at, name: field.name, message: `${field.label}: ${message}` });

  // A field the workbook's version does not have stays blank.
  for (const field of inputFields().filter((f) => f.name in layout.names)) {
    const found = find(field.name);
    if ('missing' in found) {
      report(field, found.missing);
      continue;
    }
    locations.set(field.name, found.at);
    if ('problem' in found) {
      report(field, found.problem);
      continue;
    }
    if (found.date && field.kind !== 'date') {
      report(field, 'Cellen indeholder en dato; skriv et tal eller en tekst.', found.at);
      continue;
    }
    cells.set(field.name, found.value);
    const converted = convert(field, found.value);
    if ('problem' in converted) {
      report(field, converted.problem);
      continue;
    }
    const check = fieldCheck(field);
    const checked = converted.value === null ? check.blank : check.schema.safeParse(converted.value);
    if (!checked.success) {
      report(field, checked.error.issues[0]!.message);
      continue;
    }
    setAtPath(draft, field.path, checked.data);
  }

  // The counts of a share must fit together; when they do not, the geography is left blank.
  const indikatorer = draft.indikatorer as Record<string, Record<string, unknown>>;
  for (const ind of INDICATORS.filter((i) => i.andel)) {
    for (const g of GEOGRAPHIES) {
      const path = ['indikatorer', ind.id, g.id];
      const checked = schemaAt(path).safeParse(indikatorer[ind.id]![g.id]);
      if (checked.success) continue;
      for (const issue of checked.error.issues) {
        const field = fieldAtPath([...path, ...issue.path]);
        if (field && !problems.some((p) => p.name === field.name)) report(field, issue.message);
      }
      indikatorer[ind.id]![g.id] = { taeller: null, naevner: null, indtastet: null };
    }
  }

  // The figures must be the named municipality's: a pull for another one leaves its figures behind.
  const kommune = draft.kommune as { navn: string | null; hentetKode: string | null };
  const named = kommune.navn === null ? undefined : findKommuneByName(kommune.navn);
  const pulled = KOMMUNER.find((k) => k.dstCode === kommune.hentetKode);
  if (named && pulled && named !== pulled) {
    problems.push({
      ...(locations.get(KOMMUNE_NAMES.navn) ?? placed(KOMMUNE_NAMES.navn)),
      name: KOMMUNE_NAMES.navn,
      message: `Kommune: tallene fra Danmarks Statistik er hentet for ${pulled.officieltNavn} (${pulled.dstCode}), men kommunen er ${named.officieltNavn}. Hent tallene for ${named.navn} (parathed fetch --kommune ${named.dstCode}), eller vælg ${pulled.navn}.`,
    });
  }

  // Every field passed its own check and each share's counts theirs (the schema's only checks of
  // more than one field), so the whole is an assessment as it stands: not parsed again (that cost
  // more than all the fields' checks; test/validate-partial.test.ts holds it to the schema).
  const partial = draft as unknown as Assessment;
  const ratingNames = PARAMETERS.map((p) => p.definedName);
  const score = ratingNames.every((n) => cells.has(n)) ? scoreCells(ratingNames.map((n) => cells.get(n) ?? null)) : undefined;
  return {
    version,
    cells,
    problems,
    partial,
    ...(score ? { score } : {}),
    ...(problems.length === 0 ? { assessment: partial } : {}),
  };
}

/**
 * What is not filled in yet (the municipality, the assessment's date, each unrated parameter, each
 * municipal figure), leaving out a field already reported as a problem: the same list for
 * `validate`, the summary and the task pane, each item once. Only missing is no problem: the
 * commands exit 0 for it.
 */
export function missingInputs(result: ValidationResult): Problem[] {
  const a = result.partial;
  if (!a) return [];
  const reported = new Set(result.problems.map((p) => p.name).filter(Boolean));
  const layout = (result.version !== undefined ? layoutOf(result.version) : undefined) ?? currentLayout();
  const at = (name: string) => ({ ...(layout.names[name] ? location(layout.names[name]) : {}), name });
  const missing: Problem[] = [];
  if (a.kommune.navn === null && !reported.has(KOMMUNE_NAMES.navn)) missing.push({ ...at(KOMMUNE_NAMES.navn), message: 'Mangler: kommunen er ikke valgt.' });
  // Only a version with the date has it to fill in (1.0 has none).
  if (layout.names[VURDERING_DATO_NAME] && a.vurderingDato === null && !reported.has(VURDERING_DATO_NAME)) {
    missing.push({ ...at(VURDERING_DATO_NAME), message: 'Mangler: vurderingens dato er ikke skrevet (dd-mm-åååå).' });
  }
  for (const p of PARAMETERS) {
    if (a.vurderinger[p.id] === null && !reported.has(p.definedName)) missing.push({ ...at(p.definedName), message: `Mangler: ${p.navn} er ikke vurderet.` });
  }
  for (const indicator of INDICATORS) {
    const f = a.indikatorer[indicator.id]!.Kommune;
    const given = 'vaerdi' in f ? f.vaerdi !== null : (f.taeller !== null && f.naevner !== null) || f.indtastet !== null;
    const inputs = indicator.andel ? Object.values(shareInputNames(indicator, 'Kommune')) : [indicatorName(indicator, 'Kommune')];
    if (!given && !inputs.some((n) => reported.has(n))) missing.push({ ...at(indicatorName(indicator, 'Kommune')), message: `Mangler: kommunens tal for ${indicator.navn}.` });
  }
  return missing;
}
