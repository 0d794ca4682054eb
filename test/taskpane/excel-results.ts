/**
 * What Excel's calculation gives the template's score and municipality formulas, for the fake
 * host (which has no formula engine): the TypeScript mirror's results, which the parity tests
 * prove equal to LibreOffice's for every input.
 */
import { findKommune } from '../../src/model/geography';
import { PARAMETERS } from '../../src/model/parameters';
import { scoreCells } from '../../src/scoring/score';
import type { FakeExcelHost, Scalar } from '../fake-excel/fake-excel';

export function excelResults(ratings: (number | null)[], kommune = 'Ishøj'): Record<string, Scalar | null> {
  const s = scoreCells(ratings);
  const k = findKommune(kommune);
  return {
    Score_Antal: s.antal,
    Score_Samlet: s.samlet,
    Score_Foreloebig: s.foreloebig,
    Score_Egen: s.egen,
    Score_Vurdering: s.vurdering,
    Score_Niveau: s.niveau,
    ...(k ? { Kommune_Kode: k.dstCode, Kommune_Region: k.region.navn, Kommune_Politikreds: k.politikreds } : {}),
  };
}

/** A calculator for the fake host: the results for the ratings and municipality the workbook holds now. */
export function mirrorCalculator(host: FakeExcelHost): Record<string, Scalar | null> {
  const ratings = PARAMETERS.map((p) => host.valueOf(p.definedName));
  const navn = host.valueOf('Kommune_Navn');
  return excelResults(ratings.map((r) => (typeof r === 'number' ? r : null)), typeof navn === 'string' ? navn : '');
}
