import { PARAMETERS } from '../src/model/parameters';
import { ratingLabel, ratingValue, scoreCells, scoreJson, shareValue } from '../src/scoring/score';
import { fileFormula } from '../src/scoring/formulas';

const ishoej = [2, 4, 3, 4, 4, 3, 4, 3, 2, 1];

describe('score mirror', () => {
  it('reproduces the Ishøj 2017 report: total 3', () => {
    expect(scoreJson(scoreCells(ishoej))).toEqual({ antal: 10, samlet: 3, foreloebig: 3, egen: 3.4, vurdering: 2.6, niveau: 'I nogen grad' });
  });

  it('leaves the total blank until all ten are given, and gives a provisional score', () => {
    const partial = [...ishoej.slice(0, 9), null];
    expect(scoreJson(scoreCells(partial))).toEqual({ antal: 9, samlet: null, foreloebig: 3.2, egen: 3.4, vurdering: null, niveau: null });
  });

  it('is all blank when nothing is rated', () => {
    expect(scoreJson(scoreCells(PARAMETERS.map(() => null)))).toEqual({ antal: 0, samlet: null, foreloebig: null, egen: null, vurdering: null, niveau: null });
  });

  it('rounds the mean half away from zero (2.25 → 2.3, level of 2.5 → 3)', () => {
    expect(scoreCells([2, 2, 3, 2, null, null, null, null, null, null]).foreloebig).toBe(2.3);
    expect(scoreCells([3, 2, 3, 2, 3, 2, 3, 2, 3, 2]).niveau).toBe('I nogen grad');
  });

  it('counts a label typed as text as its number, and nothing else that is not 1–4', () => {
    expect(ratingValue('I nogen grad')).toBe(3);
    expect(ratingValue('  i HØJ   grad ')).toBe(4);
    expect(ratingValue(5)).toBe('');
    expect(ratingValue(2.5)).toBe('');
    expect(ratingValue('høj')).toBe('');
    expect(ratingValue('3')).toBe('');
    expect(ratingValue(true)).toBe('');
    expect(ratingLabel(null)).toBe('');
    expect(ratingLabel(5)).toMatch(/Ugyldig/);
    expect(ratingLabel(1)).toBe('Slet ikke');
  });

  it('computes a share from counts, else takes the typed share', () => {
    expect(shareValue(2285, 10000, null, 3)).toBe(0.229);
    expect(shareValue(null, 100, 0.071, 3)).toBe(0.071);
    expect(shareValue(5, 0, 0.071, 3)).toBe('');
    expect(shareValue(null, null, null, 3)).toBe('');
  });
});

describe('fileFormula: a formula as a file stores it', () => {
  it('prefixes AGGREGATE with _xlfn. (never twice, never inside quoted text), and leaves the other functions bare', () => {
    expect(fileFormula('IF(A1="AGGREGATE(x)",AGGREGATE(17,6,B1:B4/(C1:C4>0),2),MYAGGREGATE(1))')).toBe('IF(A1="AGGREGATE(x)",_xlfn.AGGREGATE(17,6,B1:B4/(C1:C4>0),2),MYAGGREGATE(1))');
    expect(fileFormula('_xlfn.AGGREGATE(17,6,A1:A2,2)')).toBe('_xlfn.AGGREGATE(17,6,A1:A2,2)');
    expect(fileFormula('SUMPRODUCT(A1:A2)/COUNTIFS(B1:B2,">0")')).toBe('SUMPRODUCT(A1:A2)/COUNTIFS(B1:B2,">0")');
  });
});
