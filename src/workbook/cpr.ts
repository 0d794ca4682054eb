/** CPR-shaped numbers in a workbook's input cells: what no output may show. */
import { looksLikeCpr } from '../model/schema';
import type { CellValue } from '../scoring/excel';

/**
 * The input cells whose content looks like a CPR number (as text, or as a number Excel stored
 * without its leading zero): the summary and the consolidation never copy or show them, not even
 * by a formula.
 */
export function withheldNames(cells: ReadonlyMap<string, CellValue>): Set<string> {
  const names = new Set<string>();
  for (const [name, raw] of cells) {
    if (raw === null || typeof raw === 'boolean') continue;
    const text = String(raw);
    const asNumber = typeof raw === 'number' && Number.isInteger(raw) && text.length === 9 ? text.padStart(10, '0') : text;
    if (looksLikeCpr(text) || looksLikeCpr(asNumber)) names.add(name);
  }
  return names;
}
