/**
 * Validation of a workbook's input cells, whatever read them (ExcelJS for files, Office.js in
 * the task pane): raw cell contents by defined name in, a zod-validated assessment or a list of
 * problems with sheet, cell and a Danish message out. Pure.
 */
import { findKommuneByName } from '../model/geography';
import { KNOWN_TEMPLATE_VERSIONS, TEMPLATE_VERSION_NAME } from '../model/indicators';
import { PARAMETERS } from '../model/parameters';
import { SCALE, SCALE_MAX, SCALE_MIN } from '../model/scale';
import { assessmentSchema, emptyAssessment, looksLikeCpr, type Assessment } from '../model/schema';
import type { CellValue } from '../scoring/excel';
import { ratingValue, scoreCells, type ScoreResult } from '../scoring/score';
import { fieldAtPath, inputFields, setAtPath, type InputField } from './fields';
import { templateLayout, type Location } from './template';

export type { Location } from './template';

export interface Problem {
  sheet?: string;
  cell?: string;
  name?: string;
  message: string;
  /** The workbook's structure is broken (a sheet, name or formula missing or changed). */
  structural?: boolean;
}

/** What a reader found for one defined name. */
export type FoundCell = { at: Location; value: CellValue } | { at: Location; problem: string } | { missing: string };

export interface ValidationResult {
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
  const text = String(raw);
  if (looksLikeCpr(text)) return 'Værdien (der ligner et CPR-nummer)';
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
        const shown = looksLikeCpr(String(raw)) ? '' : `${String(raw).replace('.', ',')} `;
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
    case 'theme':
    case 'text':
    case 'shortText':
      if (typeof raw === 'boolean') return { value: raw ? 'SAND' : 'FALSK' };
      return { value: typeof raw === 'number' ? String(raw) : raw };
  }
}

/** Checks the template version; a problem when it is missing or unknown. */
export function checkVersion(found: FoundCell): Problem | undefined {
  if ('missing' in found) {
    return { name: TEMPLATE_VERSION_NAME, message: `Navnet ${TEMPLATE_VERSION_NAME} mangler: projektmappen er ikke lavet ud fra parathed-skabelonen.` };
  }
  const version = 'value' in found && found.value !== null ? String(found.value) : '';
  if (KNOWN_TEMPLATE_VERSIONS.includes(version)) return undefined;
  return {
    ...found.at,
    name: TEMPLATE_VERSION_NAME,
    message: `Ukendt skabelonversion "${version}". Denne version af parathed kan læse version ${KNOWN_TEMPLATE_VERSIONS.join(', ')}.`,
  };
}

/** Validates the input cells found (by defined name) into an assessment. */
export function validateCells(version: string, find: (name: string) => FoundCell): ValidationResult {
  const cells = new Map<string, CellValue>();
  const problems: Problem[] = [];
  const draft = emptyAssessment(version) as unknown as Record<string, unknown>;
  const fields = inputFields();
  const locations = new Map<string, Location>();
  for (const field of fields) {
    const found = find(field.name);
    if ('missing' in found) {
      problems.push({ ...templateLayout().locations.get(field.name), name: field.name, message: `${field.label}: ${found.missing}` });
      continue;
    }
    locations.set(field.name, found.at);
    if ('problem' in found) {
      problems.push({ ...found.at, name: field.name, message: `${field.label}: ${found.problem}` });
      continue;
    }
    cells.set(field.name, found.value);
    const converted = convert(field, found.value);
    if ('problem' in converted) {
      problems.push({ ...found.at, name: field.name, message: `${field.label}: ${converted.problem}` });
      continue;
    }
    setAtPath(draft, field.path, converted.value);
  }

  // Each schema problem is reported at its field (once: a conversion problem already covers it),
  // and the field is blanked in the partial assessment a summary can still be made from.
  const parsed = assessmentSchema.safeParse(draft);
  let partial: Assessment | undefined = parsed.success ? parsed.data : undefined;
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldAtPath(issue.path);
      if (field) setAtPath(draft, field.path, null);
      // A share whose counts do not fit together: blank the geography.
      else if (issue.path[0] === 'indikatorer' && issue.path.length >= 3) setAtPath(draft, issue.path.slice(0, 3) as string[], { taeller: null, naevner: null, indtastet: null });
      if (field && problems.some((p) => p.name === field.name)) continue;
      const loc = field ? locations.get(field.name) : undefined;
      problems.push({ ...loc, ...(field ? { name: field.name } : {}), message: field ? `${field.label}: ${issue.message}` : issue.message });
    }
    const again = assessmentSchema.safeParse(draft);
    partial = again.success ? again.data : emptyAssessment(version);
  }

  const ratingNames = PARAMETERS.map((p) => p.definedName);
  const score = ratingNames.every((n) => cells.has(n)) ? scoreCells(ratingNames.map((n) => cells.get(n) ?? null)) : undefined;
  return {
    cells,
    problems,
    ...(score ? { score } : {}),
    ...(partial ? { partial } : {}),
    ...(problems.length === 0 && parsed.success ? { assessment: parsed.data } : {}),
  };
}
