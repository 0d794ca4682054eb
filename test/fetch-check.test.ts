/**
 * `parathed fetch FILE --check [--json]` ("Nye tal?"): against the local TEST DOUBLE of StatBank
 * on 127.0.0.1, whose tables' `updated` time a test moves on after a pull. Says which indicators
 * have newer figures, exits 0 either way, and writes nothing (the file's bytes are identical).
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TEMPLATE_VERSION } from '../src/model/indicators';
import { emptyAssessment } from '../src/model/schema';
import { describeWorkbook } from '../src/workbook/template';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { runCli as run } from './helpers/cli';
import { startStatbankDouble, type DoubleTable, type StatbankDouble } from './helpers/statbank-double';
import { reportTables } from './helpers/statbank-tables';
import { sha256 } from './helpers/hash';

let dir: string;
let template: string;
let pulled: string;
let tables: DoubleTable[];
let double: StatbankDouble;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-check-'));
  template = path.join(dir, 'skabelon.xlsx');
  writeFileSync(template, await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))));
  tables = reportTables();
  double = await startStatbankDouble(tables);
  process.env.PARATHED_STATBANK_URL = double.url;
  process.env.PARATHED_STATBANK_TIMEOUT_MS = '2000';
  pulled = path.join(dir, 'hentet.xlsx');
  expect((await run('fetch', template, '--kommune', 'Ishøj', '--year', '2017', '--out', pulled)).code).toBe(0);
});
afterAll(async () => {
  delete process.env.PARATHED_STATBANK_URL;
  delete process.env.PARATHED_STATBANK_TIMEOUT_MS;
  await double.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('parathed fetch --check', () => {
  it('says there is nothing newer right after a pull, writing nothing', async () => {
    const before = sha256(pulled);
    const files = readdirSync(dir).sort();
    const seen = double.requests.length;
    const r = await run('fetch', pulled, '--check');
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Ingen nye tal hos Danmarks Statistik siden seneste hentning\.\nIngen nye tal for: Andel fuldtidsledige i arbejdsstyrken, .*, Folketal\.\n6 /);
    expect(r.out).toMatch(/\n6 forespørgsler\. Intet er skrevet\.\n$/);
    // One tableinfo per table, no data request.
    expect(double.requests.slice(seen).map((q) => q.kind)).toEqual(Array(6).fill('tableinfo'));
    expect(sha256(pulled)).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  it('names the indicators whose tables were updated since, in text and JSON, exit 0, bytes identical', async () => {
    const before = sha256(pulled);
    tables.find((t) => t.id === 'AULKP01')!.updated = '2026-02-10T08:00:00';
    tables.find((t) => t.id === 'FOLK1A')!.updated = '2026-02-11T08:00:00';
    try {
      const text = await run('fetch', pulled, '--check');
      expect(text.code).toBe(0);
      expect(text.out).toMatch(/^Nye tal hos Danmarks Statistik for 3 indikatorer:\n/);
      expect(text.out).toContain('  Andel fuldtidsledige i arbejdsstyrken (Fuldtidsledige): AULKP01 opdateret 10-02-2026 08:00 (ved seneste hentning 25-03-2025 08:00)\n');
      // FOLK1A gives the population and the share of convicted's denominator.
      expect(text.out).toMatch(/ \(Folketal\): FOLK1A opdateret 11-02-2026 08:00/);
      expect(text.out).toMatch(/ \(Doemte\): FOLK1A opdateret 11-02-2026 08:00/);
      expect(text.out).toMatch(/\nIngen nye tal for: Gennemsnitlig disponibel indkomst, /);
      const json = await run('fetch', pulled, '--check', '--json');
      expect(json.code).toBe(0);
      const report = JSON.parse(json.out);
      expect(report).toMatchObject({ ok: true, problems: [], requests: 6, newer: ['Fuldtidsledige', 'Doemte', 'Folketal'] });
      expect(report.tables).toContainEqual({ table: 'AULKP01', recorded: '2025-03-25T08:00:00', current: '2026-02-10T08:00:00', newer: true });
      expect(report.indicators.find((i: { indicator: string }) => i.indicator === 'Grundskole')).toMatchObject({ newer: false, unknown: false });
      expect(sha256(pulled)).toBe(before);
    } finally {
      for (const t of tables) delete t.updated;
    }
  });

  it('says an unpulled workbook’s indicators are unknown, and refuses options that write', async () => {
    const r = await run('fetch', template, '--check');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ukendt – projektmappen har ingen opdateringstid fra en hentning/);
    const bad = await run('fetch', pulled, '--check', '--out', path.join(dir, 'x.xlsx'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--out kan ikke bruges med --check/);
    const noKommune = await run('fetch', template);
    expect(noKommune.code).toBe(2);
    expect(noKommune.err).toMatch(/--kommune <kommune>' skal angives/);
  });

  it('exits 1 with one message when StatBank cannot be reached, writing nothing', async () => {
    process.env.PARATHED_STATBANK_URL = 'http://127.0.0.1:9/v1/';
    try {
      const r = await run('fetch', pulled, '--check', '--json');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/^Det kunne ikke undersøges, om Danmarks Statistik har nye tal: Statistikbanken kunne ikke nås/);
      expect(JSON.parse(r.out)).toMatchObject({ ok: false, requests: expect.any(Number) });
    } finally {
      process.env.PARATHED_STATBANK_URL = double.url;
    }
  });
});
