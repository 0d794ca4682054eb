/** The consolidation as `consolidate --json` prints it. */
import { isNumber, type FormulaValue } from '../scoring/excel';
import type { Consolidation } from './consolidate';

const num = (v: FormulaValue) => (isNumber(v) ? v : null);

export function consolidationJson(c: Consolidation) {
  return {
    ok: c.files.every((f) => f.status === 'godkendt'),
    problems: c.files.flatMap((f) => f.reasons.map((r) => ({ file: f.file, ...r }))),
    files: c.files.map((f) => ({ file: f.file, status: f.status, kommune: f.entry?.kommune.navn ?? null, sha256: f.sha256, reasons: f.reasons })),
    kommuner: c.rows.map((r) => ({
      kode: r.entry.kommune.dstCode,
      navn: r.entry.kommune.navn,
      region: r.entry.kommune.region.navn,
      vurderingsdato: r.entry.dato,
      samlet: num(r.entry.score.samlet),
      egen: num(r.entry.score.egen),
      vurdering: num(r.entry.score.vurdering),
      niveau: r.entry.score.niveau === '' ? null : r.entry.score.niveau,
      aendring: num(r.change),
      fil: r.file,
    })),
    perioder: Object.fromEntries(
      c.periods.map((p) => [p.indicator.id, { indikator: p.indicator.navn, flest: p.common, antal: p.count, afvigende: p.differing.map((d) => ({ fil: d.file, periode: d.periode })) }]),
    ),
  };
}
