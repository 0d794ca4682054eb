/** Skala (hidden): the scale's labels under the template's own name, for the overview's Niveau formula. */
import { SCALE } from '../../model/scale';
import { SheetBuilder, type RangeName, type SheetSpec } from '../../workbook/description';
import { LIST_NAMES } from '../../workbook/layout';

export const SKALA_SHEET = 'Skala';

export function describeSkala(rangeNames: RangeName[]): SheetSpec {
  const s = new SheetBuilder(SKALA_SHEET, [20], { hidden: true });
  for (const level of SCALE) {
    s.text(1, level.label);
    s.next();
  }
  rangeNames.push({ name: LIST_NAMES.skala, sheet: SKALA_SHEET, range: `A1:A${SCALE.length}` });
  return s.spec;
}
