/** CPR-shaped numbers in a workbook's input cells: what no output may show. */
import { looksLikeCpr } from '../model/cpr';
import type { CellValue } from '../scoring/excel';

/**
 * The input cells whose content looks like a CPR number (`looksLikeCpr`: as text, or as a number
 * Excel stored without its leading zero): the summary and the consolidation never copy or show
 * them, not even by a formula.
 */
export function withheldNames(cells: ReadonlyMap<string, CellValue>): Set<string> {
  const names = new Set<string>();
  for (const [name, raw] of cells) if (looksLikeCpr(raw)) names.add(name);
  return names;
}
