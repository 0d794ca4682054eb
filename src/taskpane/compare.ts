/**
 * The mirror's score against the sheet's own results. Small and without the core's reader, so
 * the score card can use it in the pane's first script.
 */
import type { FormulaValue } from '../scoring/excel';
import type { ScoreResult } from '../scoring/score';

/** The sheet's own score results (blank as ''). */
export type SheetScore = Pick<ScoreResult, 'samlet' | 'foreloebig' | 'egen' | 'vurdering' | 'niveau'> & { antal: FormulaValue };

/** The score fields the card shows, with their Danish names. */
export const SCORE_FIELDS = [
  { key: 'samlet', label: 'Samlet' },
  { key: 'foreloebig', label: 'Foreløbig' },
  { key: 'egen', label: 'Egen vurdering' },
  { key: 'vurdering', label: 'Vurdering af parametre' },
  { key: 'niveau', label: 'Niveau' },
] as const;

export interface Disagreement {
  label: string;
  mirror: FormulaValue;
  sheet: FormulaValue;
}

/** Where the sheet's results differ from the mirror's (numbers compared to 1e-9). */
export function disagreements(mirror: ScoreResult, sheet: SheetScore): Disagreement[] {
  const same = (a: FormulaValue, b: FormulaValue) => (typeof a === 'number' && typeof b === 'number' ? Math.abs(a - b) < 1e-9 : a === b);
  const out: Disagreement[] = SCORE_FIELDS.filter((f) => !same(mirror[f.key], sheet[f.key])).map((f) => ({ label: f.label, mirror: mirror[f.key], sheet: sheet[f.key] }));
  if (!same(mirror.antal, sheet.antal)) out.push({ label: 'Antal vurderede', mirror: mirror.antal, sheet: sheet.antal });
  return out;
}

