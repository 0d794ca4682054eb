/**
 * Cached results kept true: for every formula of the described sheets that the workbook still
 * holds (compared as text, whatever its storage form), the result the mirror computes for the
 * described contents. A formula someone changed is left alone. Used by every command that writes
 * a workbook, so no output carries a stale result.
 */
import type { SheetSpec } from './description';
import type { CellWrite } from './port';
import { holdsFormula } from './structure';
import type { ReadView } from './view';

export function cachedResultWrites(sheets: readonly SheetSpec[], view: ReadView): CellWrite[] {
  const writes: CellWrite[] = [];
  for (const sheet of sheets) {
    if (!view.hasSheet(sheet.name)) continue;
    for (const c of sheet.cells) {
      if (c.formula === undefined) continue;
      const existing = view.cell(sheet.name, c.ref);
      if (holdsFormula(existing, c.formula)) writes.push({ sheet: sheet.name, ref: c.ref, formula: existing!.formula!, ...(c.result !== undefined ? { result: c.result } : {}) });
    }
  }
  return writes;
}
