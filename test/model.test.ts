import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { KOMMUNER, REGIONER, findKommune, findKommuneByName, foldCase } from '../src/model/geography';
import { INDICATORS, storedDecimals } from '../src/model/indicators';
import { ASSESSED_PARAMETERS, PARAMETERS, SELF_PARAMETERS } from '../src/model/parameters';
import { SCALE, SCALE_LABELS } from '../src/model/scale';
import { looksLikeCpr } from '../src/model/cpr';
import { assessmentSchema, emptyAssessment } from '../src/model/schema';
import { THEMES } from '../src/model/themes';
import { TEMPLATE_VERSION } from '../src/model/indicators';

/** A copy of shared/reference/kommuner.csv (checked against Statistics Denmark's and DAWA's lists). */
const CSV = path.join(__dirname, 'fixtures', 'kommuner.csv');
const SHARED_CSV = path.join(__dirname, '..', '..', 'shared', 'reference', 'kommuner.csv');

describe('model', () => {
  it('has the scale 1–4 with the report’s labels', () => {
    expect(SCALE.map((s) => s.value)).toEqual([1, 2, 3, 4]);
    expect(SCALE_LABELS).toEqual(['Slet ikke', 'I mindre grad', 'I nogen grad', 'I høj grad']);
  });

  it('has five themes, five self-rated and five assessed parameters', () => {
    expect(THEMES.map((t) => t.navn)).toEqual([
      'Ledelse og strategisk forankring',
      'Beredskab og indsats',
      'Organisation og samarbejde',
      'Ressourcer og kompetencer',
      'Aktiviteter og resultater',
    ]);
    expect(SELF_PARAMETERS.map((p) => p.navn)).toEqual(['Beredskab', 'Indsatser', 'Internt samarbejde', 'Eksternt samarbejde', 'Kompetencer']);
    expect(ASSESSED_PARAMETERS.map((p) => p.navn)).toEqual([
      'Strategi',
      'Tværgående organisering',
      'Plan for bekymringshenvendelser',
      'Etableret registreringspraksis',
      'Anvendelse af ledelsesinformation',
    ]);
    for (const p of ASSESSED_PARAMETERS) expect(p.rubrik).toHaveLength(4);
    for (const p of PARAMETERS) expect(THEMES.map((t) => t.id)).toContain(p.tema);
    for (const t of THEMES) expect(t.felter.length).toBeGreaterThan(0);
  });

  it('has ten indicators with source, direction and unit; shares round to one decimal of a percent', () => {
    expect(INDICATORS).toHaveLength(10);
    for (const ind of INDICATORS) {
      expect(ind.kilde).toBeTruthy();
      expect(ind.begrundelse).toBeTruthy();
      expect(['hoejereErVaerre', 'hoejereErBedre', undefined]).toContain(ind.retning);
    }
    expect(INDICATORS.filter((i) => i.andel).map((i) => i.id)).toEqual(['Grundskole', 'Doemte', 'IkkeVestlige']);
    // Neutral indicators state no direction at all (issue 8): they are compared and ranked without better or worse.
    expect(INDICATORS.filter((i) => i.retning === undefined).map((i) => i.id)).toEqual(['UdsatteBoligomraader', 'SaerligtUdsatte', 'IkkeVestlige']);
    expect(storedDecimals(INDICATORS.find((i) => i.id === 'Grundskole')!)).toBe(3);
  });

  it('holds the 98 municipalities exactly as in shared/reference/kommuner.csv', () => {
    expect(KOMMUNER).toHaveLength(98);
    expect(new Set(KOMMUNER.map((k) => k.dstCode)).size).toBe(98);
    expect(REGIONER.map((r) => KOMMUNER.filter((k) => k.region === r).length)).toEqual([11, 19, 22, 29, 17]);
    // Where the shared reference is beside the checkout, the copy must still equal it.
    if (existsSync(SHARED_CSV)) expect(readFileSync(CSV, 'utf8')).toBe(readFileSync(SHARED_CSV, 'utf8'));
    const rows = readFileSync(CSV, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));
    expect(KOMMUNER.map((k) => [k.dstCode, k.kommunekode, k.navn, k.region.dstCode, k.region.navn, k.politikreds])).toEqual(rows);
  });

  it('finds municipalities by name or code', () => {
    expect(findKommune('Ishøj')?.dstCode).toBe('183');
    expect(findKommune('ishøj kommune')?.dstCode).toBe('183');
    expect(findKommune('0183')?.navn).toBe('Ishøj');
    expect(findKommuneByName('  Ishøj ')?.dstCode).toBe('183');
    expect(findKommuneByName('183')).toBeUndefined();
    expect(findKommuneByName('ÆRØ')?.navn).toBe('Ærø');
  });

  it('folds case as Danish does: every character as toLocaleLowerCase("da-DK") folds it, in context too', () => {
    const differs: number[] = [];
    for (let cp = 0; cp < 0x30000; cp++) {
      const c = String.fromCodePoint(cp);
      if (foldCase(c) !== c.toLocaleLowerCase('da-DK')) differs.push(cp);
    }
    expect(differs).toEqual([]);
    for (const text of ['ÆØÅ ÉÜ', 'ΟΔΟΣ ΑΣ', 'İSTANBUL', 'ǅemal']) expect(foldCase(text)).toBe(text.toLocaleLowerCase('da-DK'));
  });

  it('spots CPR-shaped numbers but not ordinary figures', () => {
    expect(looksLikeCpr('010203-1234')).toBe(true);
    expect(looksLikeCpr('Borger 0102031234 er bekymret')).toBe(true);
    expect(looksLikeCpr('311299 1234')).toBe(true);
    expect(looksLikeCpr('Vi havde 12 henvendelser i 2023')).toBe(false);
    expect(looksLikeCpr('Telefon 50 89 78 10')).toBe(false);
    expect(looksLikeCpr('Folketal 22719')).toBe(false);
    expect(looksLikeCpr('321299-1234')).toBe(false);
  });

  it('validates a whole assessment with zod', () => {
    const a = emptyAssessment(TEMPLATE_VERSION);
    expect(assessmentSchema.safeParse(a).success).toBe(true);
    const bad = { ...a, vurderinger: { ...a.vurderinger, Strategi: 5 } };
    const result = assessmentSchema.safeParse(bad);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['vurderinger', 'Strategi']);
  });
});
