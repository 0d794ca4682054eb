/**
 * Parity: the TypeScript mirror against LibreOffice, the reference engine. Random assessments —
 * blanks, labels typed as text, invalid ratings, shares whose counts land exactly on rounding
 * edges — are written one case per row with the template's own formula builders, recalculated
 * by LibreOffice headless, and every recalculated result must equal the mirror exactly.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PARAMETERS } from '../src/model/parameters';
import { SCALE } from '../src/model/scale';
import type { CellValue } from '../src/scoring/excel';
import { changeFormula, placeringFormula, rankFormula, ratingLabelFormula, ratingValueFormula, scoreFormulas, shareFormula, valueLabelFormula } from '../src/scoring/formulas';
import { changeValue, placeringText, rankValue, ratingLabel, ratingValue, scoreCells, shareValue, valueLabel } from '../src/scoring/score';
import { columnLetter } from '../src/workbook/description';
import { assertLibreOffice, recalculate } from './helpers/libreoffice';
import { seededRandom, type Random } from './helpers/random';
import { readSheets, type RawCell } from './helpers/xlsx-cells';

const SEED = Number(process.env.PARITY_SEED ?? 20171);
const CASES_PER_FILE = 600;
const FILES = 2;

const LABELS = `Labels!$A$1:$A$${SCALE.length}`;
const N = PARAMETERS.length;
// Column layout of one case row.
const col = {
  rating: (i: number) => columnLetter(1 + i),
  value: (i: number) => columnLetter(1 + N + i),
  label: (i: number) => columnLetter(1 + 2 * N + i),
  valueLabel: (i: number) => columnLetter(1 + 3 * N + i),
  score: (k: number) => columnLetter(1 + 4 * N + k),
  share: (k: number) => columnLetter(1 + 4 * N + 6 + k),
};
const SCORE_KEYS = ['antal', 'samlet', 'foreloebig', 'egen', 'vurdering', 'niveau'] as const;

// Inputs have at most 15 significant digits, as anything typed into Excel has (LibreOffice also
// reads a stored 2.0000000000000004 as 2). Booleans are left out: LibreOffice stores TRUE as the
// number 1, so ISNUMBER(TRUE) differs between the engines; the reader refuses them in any case.
function ratingCell(r: Random): CellValue {
  const roll = r.next();
  if (roll < 0.3) return null;
  if (roll < 0.78) return r.int(1, 4);
  if (roll < 0.86) {
    const label = r.pick(SCALE).label;
    return r.pick([label, label.toUpperCase(), label.toLowerCase(), `  ${label} `, label.replace(' ', '   ')]);
  }
  if (roll < 0.94) {
    // Off by a little, and off only in the 15th significant digit (equal as the engines compare).
    return r.pick([5, 0, -1, 2.5, 3.5, 1.0000001, 4.0000001, 3.9999999, 0.9999999, 100, 4.00000000000001, 1.00000000000001, 2.99999999999999, 0.999999999999999, 3.00000000000001]);
  }
  // Text, including the wildcard characters MATCH must take literally.
  return r.pick(['høj', '3', 'tre', 'I nogen', 'ikke vurderet', 'x', '4 ', 'I*', '?let ikke', 'I ~høj grad', '*', 'I høj grad?', '~']);
}

function ratings(r: Random): CellValue[] {
  // A third of the cases are complete and valid, so the total score is exercised often.
  if (r.chance(0.35)) return PARAMETERS.map(() => r.int(1, 4));
  if (r.chance(0.1)) return PARAMETERS.map(() => null);
  return PARAMETERS.map(() => ratingCell(r));
}

interface ShareCase {
  taeller: CellValue;
  naevner: CellValue;
  indtastet: CellValue;
  decimals: number;
}

function shareCase(r: Random): ShareCase {
  const decimals = r.pick([3, 3, 3, 1, 2, 4]);
  const indtastet: CellValue = r.pick([null, null, r.int(0, 1000) / 1000, 0.071, 'ukendt']);
  const roll = r.next();
  if (roll < 0.45) {
    // Exactly on a rounding edge: (m + 0.5) / 10^decimals, as a ratio of two counts.
    const scale = 10 ** decimals;
    const m = r.int(0, scale - 1);
    const j = r.int(1, 4000);
    return { taeller: (2 * m + 1) * j, naevner: 2 * scale * j, indtastet, decimals };
  }
  if (roll < 0.75) {
    const naevner = r.int(1, 2_000_000);
    return { taeller: r.int(0, naevner), naevner, indtastet, decimals };
  }
  if (roll < 0.85) return { taeller: r.int(0, 50), naevner: r.pick([0, null, 'mange']), indtastet, decimals };
  return { taeller: r.pick([null, 'n/a']), naevner: r.int(1, 1000), indtastet, decimals };
}

interface Case {
  ratings: CellValue[];
  share: ShareCase;
}

/** A column of 98 municipal figures (blanks, text and ties included) to rank, with a direction. */
interface RankGroup {
  values: CellValue[];
  higherIsBetter: boolean;
  /** Placering worded for a neutral indicator ("3. højeste af 98"). */
  neutral: boolean;
  decimals: number;
  /** The code whose placering is looked up ("k0" … "k97", or one not in the table). */
  lookup: string;
}
const RANK_ROWS = 98;
const GROUPS_PER_FILE = 40;

function rankGroup(r: Random): RankGroup {
  // Changes are rounded to the decimals the figures have, as in the template. (Rounding a noisy
  // half such as 4.8 - 12.3 = -7.500000000000001 to fewer decimals is where LibreOffice 7.4's
  // ROUND(x; 0) and Excel's 15-digit ROUND part ways; the workbook never asks for that.)
  const [scale, decimals] = r.pick([[1, 0], [1000, 3], [10, 1]] as const);
  return {
    values: Array.from({ length: RANK_ROWS }, () => (r.chance(0.08) ? null : r.chance(0.02) ? 'ukendt' : r.int(0, 400) / scale)),
    higherIsBetter: r.chance(0.5),
    neutral: r.chance(0.3),
    decimals,
    lookup: r.chance(0.9) ? `k${r.int(0, RANK_ROWS - 1)}` : 'k999',
  };
}

async function addRankSheet(wb: ExcelJS.Workbook, groups: RankGroup[]) {
  const ws = wb.addWorksheet('Ranks');
  for (let i = 0; i < RANK_ROWS; i++) ws.getCell(`A${i + 1}`).value = `k${i}`;
  const codes = `$A$1:$A$${RANK_ROWS}`;
  groups.forEach((g, gi) => {
    const [v, rk, ch] = [2 + 3 * gi, 3 + 3 * gi, 4 + 3 * gi].map(columnLetter) as [string, string, string];
    const range = `$${v}$1:$${v}$${RANK_ROWS}`;
    g.values.forEach((value, i) => {
      setInput(ws, `${v}${i + 1}`, value);
      ws.getCell(`${rk}${i + 1}`).value = { formula: rankFormula(`${v}${i + 1}`, range, g.higherIsBetter) } as ExcelJS.CellFormulaValue;
      if (i + 1 < RANK_ROWS) ws.getCell(`${ch}${i + 1}`).value = { formula: changeFormula(`${v}${i + 1}`, `${v}${i + 2}`, g.decimals) } as ExcelJS.CellFormulaValue;
    });
    ws.getCell(`${rk}${RANK_ROWS + 2}`).value = {
      formula: placeringFormula(`"${g.lookup}"`, codes, `$${rk}$1:$${rk}$${RANK_ROWS}`, range, g.neutral),
    } as ExcelJS.CellFormulaValue;
  });
}

function setInput(ws: ExcelJS.Worksheet, ref: string, v: CellValue) {
  if (v !== null) ws.getCell(ref).value = v;
}

async function writeCases(file: string, cases: Case[], groups: RankGroup[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await addRankSheet(wb, groups);
  const ws = wb.addWorksheet('Cases');
  const labels = wb.addWorksheet('Labels');
  SCALE.forEach((s, i) => (labels.getCell(`A${i + 1}`).value = s.label));
  cases.forEach((c, index) => {
    const row = index + 1;
    c.ratings.forEach((v, i) => setInput(ws, `${col.rating(i)}${row}`, v));
    PARAMETERS.forEach((_, i) => {
      const rating = `${col.rating(i)}${row}`;
      const value = `${col.value(i)}${row}`;
      ws.getCell(value).value = { formula: ratingValueFormula(rating, LABELS) } as ExcelJS.CellFormulaValue;
      ws.getCell(`${col.label(i)}${row}`).value = { formula: ratingLabelFormula(rating, value, LABELS) } as ExcelJS.CellFormulaValue;
      ws.getCell(`${col.valueLabel(i)}${row}`).value = { formula: valueLabelFormula(value, LABELS) } as ExcelJS.CellFormulaValue;
    });
    const values = (from: number, to: number) => `${col.value(from)}${row}:${col.value(to)}${row}`;
    const f = scoreFormulas({ all: values(0, N - 1), egen: values(0, 4), vurdering: values(5, N - 1), samlet: `${col.score(1)}${row}`, labels: LABELS });
    SCORE_KEYS.forEach((k, i) => (ws.getCell(`${col.score(i)}${row}`).value = { formula: f[k] } as ExcelJS.CellFormulaValue));
    const [t, n, v, s] = [0, 1, 2, 3].map((k) => `${col.share(k)}${row}`) as [string, string, string, string];
    setInput(ws, t, c.share.taeller);
    setInput(ws, n, c.share.naevner);
    setInput(ws, v, c.share.indtastet);
    ws.getCell(s).value = { formula: shareFormula(t, n, v, c.share.decimals) } as ExcelJS.CellFormulaValue;
  });
  writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
}

/** LibreOffice writes an empty text result as an empty <v>; our reader gives ''. */
const asResult = (v: RawCell | undefined) => (v === null || v === undefined ? '' : v);

describe('TypeScript mirror equals LibreOffice on random assessments', () => {
  const r = seededRandom(SEED);
  const batches: Case[][] = Array.from({ length: FILES }, () => Array.from({ length: CASES_PER_FILE }, () => ({ ratings: ratings(r), share: shareCase(r) })));
  const rankBatches: RankGroup[][] = Array.from({ length: FILES }, () => Array.from({ length: GROUPS_PER_FILE }, () => rankGroup(r)));
  let recalculated: string[] = [];

  beforeAll(async () => {
    await assertLibreOffice();
    const dir = mkdtempSync(path.join(tmpdir(), 'parathed-parity-'));
    parityDirs.push(dir);
    const files = batches.map((_, i) => path.join(dir, `cases-${i}.xlsx`));
    await Promise.all(batches.map((b, i) => writeCases(files[i]!, b, rankBatches[i]!)));
    recalculated = await recalculate(files);
  }, 300_000);

  it(`covers at least 1,000 cases, complete, partial and edge cases (seed ${SEED})`, () => {
    const all = batches.flat();
    expect(all.length).toBeGreaterThanOrEqual(1000);
    expect(all.filter((c) => c.ratings.every((v) => typeof v === 'number' && Number.isInteger(v))).length).toBeGreaterThan(200);
    expect(all.filter((c) => c.share.naevner && typeof c.share.taeller === 'number' && ((c.share.taeller * 2 * 10 ** c.share.decimals) / (c.share.naevner as number)) % 2 === 1).length).toBeGreaterThan(300);
  });

  it('every recalculated result equals the mirror exactly', async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const [fileIndex, file] of recalculated.entries()) {
      const sheet = (await readSheets(file)).get('Cases')!;
      const got = (ref: string) => asResult(sheet.values.get(ref));
      batches[fileIndex]!.forEach((c, index) => {
        const row = index + 1;
        const check = (ref: string, expected: number | string, what: string) => {
          compared++;
          const actual = got(ref);
          if (actual !== expected) mismatches.push(`file ${fileIndex} row ${row} ${what} (${ref}): LibreOffice ${JSON.stringify(actual)}, mirror ${JSON.stringify(expected)}; case ${JSON.stringify(c)}`);
        };
        c.ratings.forEach((v, i) => {
          check(`${col.value(i)}${row}`, ratingValue(v), `rating value ${i}`);
          check(`${col.label(i)}${row}`, ratingLabel(v), `rating label ${i}`);
          check(`${col.valueLabel(i)}${row}`, valueLabel(ratingValue(v)), `value label ${i}`);
        });
        const s = scoreCells(c.ratings);
        SCORE_KEYS.forEach((k, i) => check(`${col.score(i)}${row}`, s[k], k));
        const { taeller, naevner, indtastet, decimals } = c.share;
        check(`${col.share(3)}${row}`, shareValue(taeller, naevner, indtastet, decimals), 'share');
      });
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThan(1000 * 30);
  });

  it('ranks, placering and change equal the mirror exactly', async () => {
    const mismatches: string[] = [];
    let compared = 0;
    for (const [fileIndex, file] of recalculated.entries()) {
      const sheet = (await readSheets(file)).get('Ranks')!;
      const got = (ref: string) => asResult(sheet.values.get(ref));
      rankBatches[fileIndex]!.forEach((g, gi) => {
        const [rk, ch] = [3 + 3 * gi, 4 + 3 * gi].map(columnLetter) as [string, string];
        const check = (ref: string, expected: number | string) => {
          compared++;
          if (got(ref) !== expected) mismatches.push(`file ${fileIndex} Ranks!${ref}: LibreOffice ${JSON.stringify(got(ref))}, mirror ${JSON.stringify(expected)}`);
        };
        const ranks = g.values.map((v) => rankValue(v, g.values, g.higherIsBetter));
        ranks.forEach((rank, i) => check(`${rk}${i + 1}`, rank));
        g.values.slice(0, -1).forEach((v, i) => check(`${ch}${i + 1}`, changeValue(v, g.values[i + 1]!, g.decimals)));
        const index = Number(g.lookup.slice(1));
        check(`${rk}${RANK_ROWS + 2}`, placeringText(index < RANK_ROWS ? ranks[index] : undefined, g.values, g.neutral));
      });
    }
    expect(mismatches.slice(0, 20)).toEqual([]);
    expect(compared).toBeGreaterThan(FILES * GROUPS_PER_FILE * 190);
  });
});

const parityDirs: string[] = [];
afterAll(() => {
  for (const d of parityDirs) rmSync(d, { recursive: true, force: true });
});
