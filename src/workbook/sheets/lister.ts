/** Lister (hidden): the municipalities with code, region and police district, and the themes, as named lists. */
import { KOMMUNER } from '../../model/geography';
import { THEMES } from '../../model/themes';
import { SheetBuilder, type RangeName, type SheetSpec } from '../description';
import { LIST_NAMES, SHEETS } from '../layout';

export function describeLister(rangeNames: RangeName[]): SheetSpec {
  const s = new SheetBuilder(SHEETS.lister, [20, 10, 24, 40, 36], { hidden: true });
  ['Kommune', 'Kode', 'Region', 'Politikreds', 'Tema'].forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  s.next();
  const first = s.row;
  KOMMUNER.forEach((k, i) => {
    s.text(1, k.navn);
    s.text(2, k.dstCode);
    s.text(3, k.region.navn);
    s.text(4, k.politikreds);
    const theme = THEMES[i];
    if (theme) s.text(5, theme.navn);
    s.next();
  });
  const last = s.row - 1;
  const col = (c: string, to = last) => ({ sheet: SHEETS.lister, range: `${c}${first}:${c}${to}` });
  rangeNames.push(
    { name: LIST_NAMES.kommuneNavne, ...col('A') },
    { name: LIST_NAMES.kommuneKoder, ...col('B') },
    { name: LIST_NAMES.kommuneRegioner, ...col('C') },
    { name: LIST_NAMES.kommunePolitikredse, ...col('D') },
    { name: LIST_NAMES.temaer, ...col('E', first + THEMES.length - 1) },
  );
  return s.spec;
}
