/**
 * Filer: every input file with its status, every reason at its sheet and cell, its SHA-256 and
 * the reader that checked it, so that "every file was checked" can be verified; below, the
 * indicators whose periods differ between the municipalities of the overview.
 */
import { SheetBuilder, type SheetSpec } from '../../workbook/description';
import type { FileStatus, Reason } from '../check';
import type { Consolidation, Role } from '../consolidate';

export const FILER_SHEET = 'Filer';

export const STATUS_TEXT: Record<FileStatus, string> = { godkendt: 'godkendt', advarsel: 'godkendt med advarsler', afvist: 'afvist' };
const ROLE_TEXT: Record<Role, string> = {
  række: 'rækken i Oversigt',
  forrige: 'forrige vurdering (Ændring i samlet score)',
  ældre: 'ældre vurdering (bruges ikke)',
};
/** The longest text a cell holds. */
const CELL_MAX = 32_767;

/** A reason as one line: where, then what. */
export function reasonLine(r: Reason): string {
  const where = r.sheet ? `${r.sheet}!${r.cell ?? ''}` : '';
  const name = r.name ? ` (${r.name})` : '';
  return `${where}${name}${where || name ? ': ' : ''}${r.message}`;
}

function reasonsText(reasons: Reason[]): string {
  const text = reasons.map(reasonLine).join('\n');
  return text.length <= CELL_MAX ? text : `${text.slice(0, CELL_MAX - 40)}… (forkortet; se --json)`;
}

const dateText = (iso: string | null | undefined) => (iso ? iso.split('-').reverse().join('-') : '');

export function describeFiler(c: Consolidation, reader: string): SheetSpec {
  const s = new SheetBuilder(FILER_SHEET, [36, 20, 18, 14, 26, 12, 90, 66, 28], { tabColor: '7F7F7F' });
  s.spec.unprotected = true;
  s.text(1, 'Filer i konsolideringen', 'title');
  s.height(26);
  s.next();
  const n = (status: FileStatus) => c.files.filter((f) => f.status === status).length;
  s.text(1, `${c.files.length} filer er kontrolleret: ${n('godkendt')} godkendt, ${n('advarsel')} godkendt med advarsler, ${n('afvist')} afvist. Oversigten har ${c.rows.length} kommuner.`, 'intro');
  s.merge(1, 7);
  s.next(2);
  ['Fil', 'Status', 'Kommune', 'Vurderingsdato', 'Bruges som', 'Skabelonversion', 'Årsager', 'SHA-256', 'Læst med'].forEach((h, i) => s.text(i + 1, h, 'tableHeader'));
  s.spec.frozenRows = s.row;
  s.next();
  const first = s.row;
  for (const f of c.files) {
    s.text(1, f.file, 'label');
    s.text(2, STATUS_TEXT[f.status], 'label');
    s.text(3, f.entry?.kommune.navn ?? '', 'label');
    s.text(4, dateText(f.entry?.dato), 'label');
    s.text(5, f.role ? ROLE_TEXT[f.role] : '', 'label');
    s.text(6, f.version ?? '', 'label');
    s.text(7, reasonsText(f.reasons), 'label');
    s.text(8, f.sha256 ?? '', 'label');
    s.text(9, reader, 'label');
    s.next();
  }
  const last = s.row - 1;
  if (last >= first) {
    s.spec.highlights.push(
      { range: `A${first}:I${last}`, formula: `$B${first}="${STATUS_TEXT.afvist}"`, fill: 'FFC7CE' },
      { range: `A${first}:I${last}`, formula: `$B${first}="${STATUS_TEXT.advarsel}"`, fill: 'FFEB9C' },
    );
  }
  if (c.rows.length === 0) return s.spec;

  s.next();
  s.text(1, 'Perioder', 'heading');
  s.next();
  if (c.periods.length === 0) {
    s.text(1, 'Kommunerne i oversigten har samme periode for hver indikator.', 'text');
    s.merge(1, 7);
    return s.spec;
  }
  s.text(1, 'Indikatorer, hvor kommunernes perioder er forskellige: tallene i oversigten er ikke fra samme periode.', 'text');
  s.merge(1, 7);
  s.next();
  ['Indikator', 'Periode hos de fleste', 'Antal filer', 'Filer med en anden periode'].forEach((h, i) => s.text(i === 3 ? 7 : i + 1, h, 'tableHeader'));
  s.merge(4, 6);
  s.next();
  for (const p of c.periods) {
    s.text(1, p.indicator.navn, 'label');
    s.text(2, p.common ?? '(tom)', 'label');
    s.put(3, { value: p.count, style: 'label' });
    s.text(7, p.differing.map((d) => `${d.file}: ${d.periode ?? '(tom)'}`).join('\n'), 'label');
    s.next();
  }
  return s.spec;
}
