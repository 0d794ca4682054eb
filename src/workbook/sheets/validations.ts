/** The data validations of the template's input cells, and the rating row both rating sheets use. */
import { SCALE, SCALE_MAX, SCALE_MIN } from '../../model/scale';
import type { Assessment } from '../../model/schema';
import type { Indicator } from '../../model/indicators';
import type { Parameter } from '../../model/parameters';
import { ratingLabelFormula } from '../../scoring/formulas';
import { ratingLabel } from '../../scoring/score';
import type { SheetBuilder, ValidationSpec } from '../description';
import { LIST_NAMES, scoreValueRef } from '../layout';

export const RATING_VALIDATION: ValidationSpec = {
  kind: 'list',
  source: `"${SCALE.map((s) => s.value).join(',')}"`,
  prompt: SCALE.map((s) => `${s.value} = ${s.label}`).join('; '),
  error: `Vælg et helt tal fra ${SCALE_MIN} til ${SCALE_MAX} på listen (${SCALE.map((s) => `${s.value} = ${s.label}`).join(', ')}). Lad cellen stå tom, hvis parameteren ikke er vurderet endnu.`,
};
export const COUNT_VALIDATION: ValidationSpec = {
  kind: 'whole',
  min: 0,
  prompt: 'Skriv et antal (helt tal, 0 eller derover).',
  error: 'Skal være et helt tal, 0 eller derover.',
};
export const TEXT_VALIDATION: ValidationSpec = {
  kind: 'textLength',
  max: 32767,
  prompt: 'Skriv kun aggregerede oplysninger: aldrig CPR-numre eller navne på borgere.',
  error: 'Teksten er for lang til en celle.',
};

export function figureValidation(ind: Indicator): ValidationSpec {
  if (ind.enhed === 'andel') {
    return {
      kind: 'decimal',
      min: 0,
      max: 1,
      prompt: 'Skriv andelen i procent, fx 7,1 %.',
      error: 'En andel skal ligge mellem 0 % og 100 %. Skriv fx 7,1 % (med procenttegn).',
    };
  }
  return { kind: 'decimal', min: 0, prompt: `Skriv tallet (${ind.enhed === 'kr' ? 'kr.' : ind.enhed}).`, error: 'Skal være et tal, 0 eller derover.' };
}

/** A rating cell (named, validated) and the label the sheet shows beside it. */
export function ratingRow(s: SheetBuilder, a: Assessment, p: Parameter, ratingCol: number): void {
  const raw = a.vurderinger[p.id] ?? null;
  const ref = s.put(ratingCol, { value: raw, style: 'input', input: true, name: p.definedName, validation: RATING_VALIDATION });
  s.put(ratingCol + 1, {
    formula: ratingLabelFormula(ref, scoreValueRef(p), LIST_NAMES.skala),
    result: ratingLabel(raw),
    style: 'result',
  });
}
