/**
 * One input file checked for the consolidation: its SHA-256, the selective read of its
 * assessment, and its status with every reason, in Danish, at its sheet and cell. Rejected: not
 * an .xlsx or damaged, not the template, an unknown or newer version, over the limits, a template
 * whose structure is broken, no municipality. Accepted with warnings: ratings missing or invalid,
 * an older version (read through its own layout), an edited formula (the score is computed from
 * the ratings, never from the file's formulas or cached results), a CPR-shaped value (left out of
 * the overview), a blank assessment date, any other problem of a cell. Pure apart from hashing.
 */
import { findKommuneByName, type Kommune } from '../model/geography';
import { INDICATORS, TEMPLATE_VERSION, VURDERING_DATO_NAME, indicatorName, indicatorPeriodName, shareInputNames, storedDecimals } from '../model/indicators';
import { PARAMETERS } from '../model/parameters';
import { maskCpr } from '../model/cpr';
import type { CellValue, FormulaValue } from '../scoring/excel';
import { ratingValue, scoreCells, shareValue, type ScoreResult } from '../scoring/score';
import { withheldNames } from '../workbook/cpr';
import { missingInputs, type Problem } from '../workbook/validate';
import { layoutOf, location } from '../workbook/versions';
import { readNamedSheets } from './read';
import type { ReadResult } from '../workbook/reader';

export type FileStatus = 'godkendt' | 'advarsel' | 'afvist';

/** Why a file got its status: where (null when the file as a whole) and what, in Danish. */
export interface Reason {
  sheet: string | null;
  cell: string | null;
  name: string | null;
  message: string;
}

/** What the overview takes from a file that is not rejected. */
export interface Entry {
  kommune: Kommune;
  /** Vurdering_Dato, "2017-06-30"; null when blank (or the version has none). */
  dato: string | null;
  /** Each rating's counted value, in the model's order ('' when it does not count). */
  ratings: FormulaValue[];
  score: ScoreResult;
  /** Each indicator's municipal figure (a share computed from its counts) and period, by id. */
  indicators: Record<string, { figure: number | null; periode: string | null }>;
}

export interface FileCheck {
  /** The file's name as shown (CPR-shaped numbers masked). */
  file: string;
  sha256: string | null;
  status: FileStatus;
  reasons: Reason[];
  /** The template version it says it is, when one this release reads. */
  version: string | null;
  entry?: Entry;
}

const reason = (p: Problem, message = p.message): Reason => ({ sheet: p.sheet ?? null, cell: p.cell ?? null, name: p.name ?? null, message });
const fileReason = (message: string): Reason => ({ sheet: null, cell: null, name: null, message });

/** A file that could not be read at all (not a regular file, too big, unreadable). */
export function unreadableFile(file: string, message: string): FileCheck {
  return { file: maskCpr(file), sha256: null, status: 'afvist', reasons: [fileReason(message)], version: null };
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const LEFT_OUT = 'Udeladt af oversigten.';
const FROM_RATINGS = 'Oversigten regner scoren ud fra de indtastede vurderinger, ikke ud fra filens formler eller gemte resultater.';

/** Checks one file's bytes (never changed). */
export async function checkFile(file: string, bytes: Uint8Array): Promise<FileCheck> {
  // Hashed while it is read (the digest works on its own copy of the bytes).
  const hashing = sha256(bytes);
  // The parts it does not read are never unpacked (their directory entries are checked).
  const read = await readNamedSheets(bytes, 'skip');
  return checkRead(file, await hashing, read);
}

/**
 * Checks a workbook as read (a file's selective read, or the open workbook's read through a
 * port): its status, reasons and, unless rejected, what the overview takes from it.
 */
export function checkRead(file: string, hash: string | null, result: ReadResult): FileCheck {
  const shown = maskCpr(file);
  const version = result.version ?? null;
  const rejected: Reason[] = [];
  const warned: Reason[] = [];
  const withheld = withheldNames(result.cells);
  for (const p of result.problems) {
    if (p.unreadable || (p.structural && !p.formula) || !result.partial) rejected.push(reason(p));
    else if (p.name && withheld.has(p.name)) warned.push(reason(p, `${p.message} ${LEFT_OUT}`));
    else warned.push(reason(p));
  }
  const done = (status: FileStatus, entry?: Entry): FileCheck => ({ file: shown, sha256: hash, status, reasons: [...rejected, ...warned], version, ...(entry ? { entry } : {}) });
  const partial = result.partial;
  if (rejected.length > 0 || !partial || version === null) return done('afvist');

  const layout = layoutOf(version)!;
  const at = (name: string): Reason => {
    const loc = layout.names[name] ? location(layout.names[name]) : undefined;
    return { sheet: loc?.sheet ?? null, cell: loc?.cell ?? null, name, message: '' };
  };
  const kommune = partial.kommune.navn === null ? undefined : findKommuneByName(partial.kommune.navn);
  if (!kommune) {
    rejected.push({ ...at('Kommune_Navn'), message: 'Kommunen er ikke valgt, så filen kan ikke stå i oversigten. Vælg kommunen på arket Kommune.' });
    return done('afvist');
  }
  if (version !== TEMPLATE_VERSION) {
    warned.unshift(fileReason(`Skabelonversion ${version}: læst gennem version ${version}s opbygning${layout.names[VURDERING_DATO_NAME] ? '' : ', som ikke har nogen vurderingsdato'}. Opgrader den med parathed upgrade, når det passer.`));
  }
  if (result.problems.some((p) => p.formula)) warned.push(fileReason(FROM_RATINGS));
  // A CPR-shaped value that the validation accepted (a number) is left out too.
  for (const name of withheld) {
    if (!result.problems.some((p) => p.name === name)) warned.push({ ...at(name), message: `Værdien ligner et CPR-nummer. ${LEFT_OUT}` });
  }
  if (layout.names[VURDERING_DATO_NAME] && partial.vurderingDato === null && !result.problems.some((p) => p.name === VURDERING_DATO_NAME)) {
    warned.push({ ...at(VURDERING_DATO_NAME), message: 'Vurderingens dato er tom, så oversigten kan ikke se, hvilken vurderingsrunde filen hører til. Skriv datoen (dd-mm-åååå).' });
  }
  const ratingNames = new Set(PARAMETERS.map((p) => p.definedName));
  for (const m of missingInputs(result)) if (m.name && ratingNames.has(m.name)) warned.push(reason(m));

  const raw = (name: string): CellValue => (withheld.has(name) ? null : (result.cells.get(name) ?? null));
  const ratings = PARAMETERS.map((p) => ratingValue(raw(p.definedName)));
  const indicators: Entry['indicators'] = {};
  for (const ind of INDICATORS) {
    const figures = partial.indikatorer[ind.id]!;
    const k = figures.Kommune;
    const names = ind.andel ? Object.values(shareInputNames(ind, 'Kommune')) : [indicatorName(ind, 'Kommune')];
    let figure: number | null = null;
    if (!names.some((n) => withheld.has(n))) {
      const value = 'vaerdi' in k ? k.vaerdi : shareValue(k.taeller, k.naevner, k.indtastet, storedDecimals(ind));
      figure = typeof value === 'number' ? value : null;
    }
    indicators[ind.id] = { figure, periode: withheld.has(indicatorPeriodName(ind)) ? null : figures.periode };
  }
  const entry: Entry = { kommune, dato: partial.vurderingDato, ratings, score: scoreCells(ratings), indicators };
  return done(warned.length > 0 ? 'advarsel' : 'godkendt', entry);
}
