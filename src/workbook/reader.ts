/**
 * Reads a filled workbook into a validated assessment: by defined name, from the input cells only
 * (never from cached formula results). Every problem names its sheet and cell in Danish.
 */
import ExcelJS from 'exceljs';
import { findKommuneByName } from '../model/geography';
import { KNOWN_TEMPLATE_VERSIONS, TEMPLATE_VERSION_NAME } from '../model/indicators';
import { PARAMETERS } from '../model/parameters';
import { SCALE, SCALE_MAX, SCALE_MIN } from '../model/scale';
import { assessmentSchema, looksLikeCpr, type Assessment } from '../model/schema';
import type { CellValue } from '../scoring/excel';
import { ratingValue, scoreCells, type ScoreResult } from '../scoring/score';
import { inputFields, type InputField } from './fields';
import { describeWorkbook } from './template';
import { emptyAssessment } from '../model/schema';
import { TEMPLATE_VERSION } from '../model/indicators';

export interface Problem {
  sheet?: string;
  cell?: string;
  name?: string;
  message: string;
}

export interface ReadResult {
  /** The validated assessment; absent when there are problems. */
  assessment?: Assessment;
  /** Raw contents of every input cell found, by defined name. */
  cells: Map<string, CellValue>;
  /** The score as the workbook's formulas compute it from the cells as they stand; absent when the ratings could not be read. */
  score?: ScoreResult;
  problems: Problem[];
}

interface Location {
  sheet: string;
  cell: string;
}

/** Where the template puts each defined name: used to say where a missing name belongs. */
let expectedLocations: Map<string, Location> | undefined;
function expectedLocation(name: string): Location | undefined {
  if (!expectedLocations) {
    expectedLocations = new Map();
    for (const sheet of describeWorkbook(emptyAssessment(TEMPLATE_VERSION)).sheets) {
      for (const c of sheet.cells) if (c.name) expectedLocations.set(c.name, { sheet: sheet.name, cell: c.ref });
    }
  }
  return expectedLocations.get(name);
}

function resolveName(wb: ExcelJS.Workbook, name: string): Location | undefined {
  const ranges = wb.definedNames.getRanges(name).ranges;
  if (ranges.length !== 1) return undefined;
  const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(ranges[0]!);
  if (!m) return undefined;
  return { sheet: m[1]!.replace(/''/g, "'"), cell: `${m[2]}${m[3]}` };
}

type Raw = { value: CellValue } | { problem: string };

/** A cell's content as the user typed it. */
function rawValue(cell: ExcelJS.Cell): Raw {
  const v = cell.value;
  if (v === null || v === undefined) return { value: null };
  if (typeof v === 'number') return Number.isFinite(v) ? { value: v } : { problem: 'Cellen indeholder ikke et gyldigt tal.' };
  if (typeof v === 'string') return { value: v.trim() === '' ? null : v };
  if (typeof v === 'boolean') return { value: v };
  if (v instanceof Date) return { problem: 'Cellen indeholder en dato; skriv et tal eller en tekst.' };
  if ('richText' in v) return { value: v.richText.map((r) => r.text).join('') };
  if ('error' in v) return { problem: `Cellen indeholder fejlværdien ${v.error}.` };
  if ('formula' in v || 'sharedFormula' in v) {
    return { problem: 'Cellen skal indeholde en værdi, ikke en formel: skriv værdien direkte.' };
  }
  if ('text' in v && typeof v.text === 'string') return { value: v.text };
  return { problem: 'Cellens indhold kan ikke læses.' };
}

/** How a message quotes what the user typed: never repeating something shaped like a CPR number. */
function quoted(raw: CellValue): string {
  const text = String(raw);
  return looksLikeCpr(text) ? 'Værdien (der ligner et CPR-nummer)' : `"${text}"`;
}

const scaleText = SCALE.map((s) => `${s.value} = ${s.label}`).join(', ');

/** Converts a raw value to what the field holds; a string is a problem message. */
function convert(field: InputField, raw: CellValue): { value: unknown } | { problem: string } {
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

function setPath(target: Record<string | number, unknown>, path: (string | number)[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}

const isXlsx = (buf: Uint8Array) => buf.length > 4 && buf[0] === 0x50 && buf[1] === 0x4b && buf[2] === 0x03 && buf[3] === 0x04;

export async function readWorkbook(data: Uint8Array): Promise<ReadResult> {
  const cells = new Map<string, CellValue>();
  const problems: Problem[] = [];
  if (!isXlsx(data)) {
    return { cells, problems: [{ message: 'Filen er ikke en Excel-projektmappe (.xlsx). Gem den som "Excel-projektmappe (*.xlsx)" og prøv igen.' }] };
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { cells, problems: [{ message: 'Filen kunne ikke læses som Excel-projektmappe (.xlsx): den er beskadiget eller i et andet format.' }] };
  }

  const versionLoc = resolveName(wb, TEMPLATE_VERSION_NAME);
  const versionSheet = versionLoc && wb.getWorksheet(versionLoc.sheet);
  if (!versionLoc || !versionSheet) {
    return {
      cells,
      problems: [{ name: TEMPLATE_VERSION_NAME, message: `Navnet ${TEMPLATE_VERSION_NAME} mangler: projektmappen er ikke lavet ud fra parathed-skabelonen.` }],
    };
  }
  const versionRaw = rawValue(versionSheet.getCell(versionLoc.cell));
  const version = 'value' in versionRaw && versionRaw.value !== null ? String(versionRaw.value) : '';
  if (!KNOWN_TEMPLATE_VERSIONS.includes(version)) {
    return {
      cells,
      problems: [
        {
          ...versionLoc,
          name: TEMPLATE_VERSION_NAME,
          message: `Ukendt skabelonversion "${version}". Denne version af parathed kan læse version ${KNOWN_TEMPLATE_VERSIONS.join(', ')}.`,
        },
      ],
    };
  }

  const draft = emptyAssessment(version) as unknown as Record<string, unknown>;
  const fields = inputFields();
  const locations = new Map<string, Location>();
  for (const field of fields) {
    const loc = resolveName(wb, field.name);
    const expected = expectedLocation(field.name);
    if (!loc) {
      problems.push({ ...expected, name: field.name, message: `Navnet ${field.name} (${field.label}) mangler i projektmappen.` });
      continue;
    }
    const ws = wb.getWorksheet(loc.sheet);
    if (!ws) {
      problems.push({ ...loc, name: field.name, message: `Arket "${loc.sheet}" mangler (${field.label}).` });
      continue;
    }
    locations.set(field.name, loc);
    const raw = rawValue(ws.getCell(loc.cell));
    if ('problem' in raw) {
      problems.push({ ...loc, name: field.name, message: `${field.label}: ${raw.problem}` });
      continue;
    }
    cells.set(field.name, raw.value);
    const converted = convert(field, raw.value);
    if ('problem' in converted) {
      problems.push({ ...loc, name: field.name, message: `${field.label}: ${converted.problem}` });
      continue;
    }
    setPath(draft, field.path, converted.value);
  }

  const parsed = assessmentSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const field = fields.find((f) => f.path.length === path.length && f.path.every((p, i) => p === path[i]));
      // Only report a field once: a conversion problem already covers it.
      if (field && problems.some((p) => p.name === field.name)) continue;
      const loc = field ? locations.get(field.name) : undefined;
      problems.push({ ...loc, ...(field ? { name: field.name } : {}), message: field ? `${field.label}: ${issue.message}` : issue.message });
    }
  }

  const ratingNames = PARAMETERS.map((p) => p.definedName);
  const score = ratingNames.every((n) => cells.has(n)) ? scoreCells(ratingNames.map((n) => cells.get(n) ?? null)) : undefined;
  return { cells, problems, ...(score ? { score } : {}), ...(problems.length === 0 && parsed.success ? { assessment: parsed.data } : {}) };
}
