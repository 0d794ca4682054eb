/**
 * Saved responses replayed from bytes (src/statbank/replay.ts), as the task pane imports them:
 * several files or one zip of the shipped constructed example (examples/statbank-konstrueret,
 * saved with --save-responses), answering a pull exactly as the CLI's --responses folder does.
 * No network: the client's base URL is a closed port that no request reaches.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import { replayFetch, requestKey } from '../../src/cli/responses';
import { findKommune } from '../../src/model/geography';
import { TEMPLATE_VERSION } from '../../src/model/indicators';
import { emptyAssessment } from '../../src/model/schema';
import { preparePull } from '../../src/taskpane/statbank';
import { describeWorkbook } from '../../src/workbook/template';
import { XlsxWorkbook, writeXlsx } from '../../src/xlsx/xlsx-workbook';
import { DEFAULT_DEFINITIONS } from '../../src/model/indicators';
import { StatbankClient } from '../../src/statbank/client';
import { pull } from '../../src/statbank/pull';
import { IMPORT_WORDING, ReplayImportError, SavedResponses, requestFile } from '../../src/statbank/replay';

const EXAMPLE = path.resolve(__dirname, '../../examples/statbank-konstrueret');
const files = readdirSync(EXAMPLE).map((name) => ({ name, data: new Uint8Array(readFileSync(path.join(EXAMPLE, name))) }));
const wording = { where: 'de importerede svar', ...IMPORT_WORDING };
const offline = (fetch: ReturnType<SavedResponses['fetch']>) => new StatbankClient({ baseUrl: 'http://127.0.0.1:9/v1/', fetch });
/** A pull's figures as plain data, to compare two pulls. */
const figures = (r: Awaited<ReturnType<typeof pull>>) => JSON.stringify(r.results, (_, v) => (v instanceof Map ? [...v] : v));

describe('saved responses from bytes', () => {
  it('name a request’s file as the CLI does (Web Crypto and node:crypto agree)', async () => {
    for (const url of [
      'https://api.statbank.dk/v1/tableinfo?id=folk1a&lang=da&format=JSON',
      'https://api.statbank.dk/v1/data/FOLK1A/JSONSTAT?lang=da&OMR%C3%85DE=000,183&Tid=2017K1,2017K2',
      'http://127.0.0.1:4000/v1/data/AULKP01/JSONSTAT?Tid=2017K4&lang=da',
    ]) {
      expect((await requestFile(url)).name).toBe(requestKey(url).name);
    }
  });

  it('replay a pull from several files and from one zip exactly as from the folder', async () => {
    const fromFolder = await pull(offline(replayFetch(EXAMPLE)), DEFAULT_DEFINITIONS, { year: 2017 }, () => new Date('2026-01-01T00:00:00Z'));
    const fromFiles = SavedResponses.fromFiles(files, wording);
    // In a zip the folder is kept, and a stray file beside the responses is ignored.
    const zip = zipSync({ 'statbank-konstrueret': Object.fromEntries(files.map((f) => [f.name, f.data])), 'LÆSMIG.txt': strToU8('hej') });
    const fromZip = SavedResponses.fromZip(zip, wording);
    expect(fromZip.files.size).toBe(files.filter((f) => /\.json(\.source\.txt)?$/.test(f.name)).length);
    for (const saved of [fromFiles, fromZip]) {
      const replayed = await pull(offline(saved.fetch()), DEFAULT_DEFINITIONS, { year: 2017 }, () => new Date('2026-01-01T00:00:00Z'));
      expect(replayed.results.every((r) => r.ok)).toBe(true);
      expect(figures(replayed)).toBe(figures(fromFolder));
      expect(replayed.updated).toEqual(fromFolder.updated);
      expect(saved.constructed).toBe(true);
    }
  });

  it('answer another request with REPLAY-MISMATCH and a missing one with REPLAY-MISSING, in the pane’s words', async () => {
    const saved = SavedResponses.fromFiles(files.filter((f) => !f.name.includes('HFUDD11')), wording);
    const r = await pull(offline(saved.fetch()), DEFAULT_DEFINITIONS, { year: 2016 });
    const failures = r.results.filter((x) => !x.ok) as { indicator: string; message: string; code?: string }[];
    expect(failures.find((f) => f.indicator === 'Fuldtidsledige')).toMatchObject({ code: 'REPLAY-MISMATCH', message: expect.stringMatching(/de importerede svar er til en anden forespørgsel .*fx et andet år/) });
    expect(failures.find((f) => f.indicator === 'Grundskole')).toMatchObject({ code: 'REPLAY-MISSING', message: expect.stringMatching(/gem svarene med parathed fetch --save-responses/) });
  });

  it('refuse bytes that are no zip, and files that hold no saved response, in Danish', () => {
    expect(() => SavedResponses.fromZip(strToU8('ikke en zip'), wording)).toThrow(new ReplayImportError('de importerede svar: filen er ikke en gyldig zip-fil.'));
    expect(() => SavedResponses.fromFiles([{ name: 'noter.txt', data: 'hej' }], wording)).toThrow(/ingen gemte svar/);
    expect(() => SavedResponses.fromZip(zipSync({ 'a.txt': strToU8('hej') }), wording)).toThrow(/ingen gemte svar/);
  });

  it('answer, when constructed, only the municipality and year they were made for (the one rule of --responses and the pane)', () => {
    const saved = SavedResponses.fromFiles(files, wording);
    const ishoej = findKommune('Ishøj')!;
    const koege = findKommune('Køge')!;
    expect(saved.madeFor).toEqual({ kommune: '183', year: 2017 });
    expect(saved.scopeProblem(ishoej, 2017)).toBeUndefined();
    expect(saved.scopeProblem(koege, 2017)).toBe(
      'de importerede svar: svarene er et konstrueret eksempel, lavet til en hentning for Ishøj (183) i 2017, og svarer ikke for Køge (259) i 2017; tallene ville være opdigtede. ' +
        'For at prøve eksemplet: de kan kun bruges i en projektmappe for Ishøj med "Alle indikatorer fra ét år" og år 2017.',
    );
    expect(saved.scopeProblem(ishoej, 2016)).toMatch(/svarer ikke for Ishøj \(183\) i 2016/);
    expect(saved.scopeProblem(ishoej, undefined)).toMatch(/svarer ikke for Ishøj \(183\) med hver indikators nyeste tal/);
    // Constructed responses that do not say what they were made for, or disagree, are not used at all.
    const strip = (text: string) => text.replace(/^Constructed for: .*\n/m, '');
    const unsaid = SavedResponses.fromFiles(files.map((f) => (f.name.endsWith('.source.txt') ? { name: f.name, data: strip(new TextDecoder().decode(f.data)) } : f)), wording);
    expect(unsaid.scopeProblem(ishoej, 2017)).toMatch(/konstrueret eksempel, men siger ikke, hvilken kommune og hvilket år/);
    let first = true;
    const mixed = SavedResponses.fromFiles(
      files.map((f) => {
        if (!f.name.endsWith('.source.txt') || !first) return f;
        first = false;
        return { name: f.name, data: new TextDecoder().decode(f.data).replace('Kommune 183', 'Kommune 259') };
      }),
      wording,
    );
    expect(mixed.scopeProblem(ishoej, 2017)).toMatch(/siger ikke/);
    // Responses saved from Statistics Denmark hold every municipality: any municipality, as saved.
    const real = SavedResponses.fromFiles(
      files.map((f) => (f.name.endsWith('.source.txt') ? { name: f.name, data: strip(new TextDecoder().decode(f.data)).replace(/^Kind: .*$/m, 'Kind: real HTTP response body recorded by parathed fetch --save-responses') } : f)),
      wording,
    );
    expect(real.constructed).toBe(false);
    expect(real.scopeProblem(koege, 2017)).toBeUndefined();
  });

  it('are refused by the pane’s import for another municipality or year, before any request, and used for the one they were made for', async () => {
    const imported = files.map((f) => ({ name: f.name, bytes: f.data }));
    for (const [navn, year, ok] of [
      ['Køge', 2017, false],
      ['Ishøj', 2016, false],
      ['Ishøj', undefined, false],
      ['Ishøj', 2017, true],
    ] as const) {
      const a = emptyAssessment(TEMPLATE_VERSION);
      a.kommune.navn = navn;
      const opened = await XlsxWorkbook.open(await writeXlsx(describeWorkbook(a)));
      if ('problem' in opened) throw new Error(opened.problem);
      const tables: string[] = [];
      const prepared = await preparePull(opened.workbook, { origin: { files: imported }, ...(year !== undefined ? { year } : {}), onTable: (t) => tables.push(t.table) });
      if (ok) {
        expect(prepared.kind).toBe('ready');
        continue;
      }
      expect(prepared).toEqual({ kind: 'stopped', messages: [expect.stringMatching(/^de importerede svar: svarene er et konstrueret eksempel, lavet til en hentning for Ishøj \(183\) i 2017, og svarer ikke for/)] });
      expect(tables).toEqual([]);
    }
  });
});
