/**
 * Files chosen in the pane, in headless Chromium with the fake Excel host (a declared test
 * double): each file's size is checked before anything is read, and the bytes are read and
 * checked in a Web Worker, one file at a time (no read of a file on the page's own thread). 98 workbooks (one per municipality) are checked
 * with no long task over 200 ms on the page (PerformanceObserver 'longtask'); a 1 GB file (a
 * sparse file: no gigabyte is written or allocated) is refused in under a second, the page's heap
 * growing by under 50 MB, in Saml and in Sammenlign alike.
 */
import { mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ishoej2017 } from '../../src/examples/ishoej';
import { KOMMUNER } from '../../src/model/geography';
import { describeWorkbook } from '../../src/workbook/template';
import { writeXlsx } from '../../src/xlsx/xlsx-workbook';
import { PARAMETERS } from '../../src/model/parameters';
import { ROOT, checkScreen, onHost, openStill, usePaneSuite } from './browser';
import { excelResults } from './excel-results';
import { seedFromFile } from './seed';

const pane = usePaneSuite();
let dir: string;
const workbooks: string[] = [];
let big: string;
let earlier: string;
let demoSeed: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-files-'));
  // One workbook per municipality: the demo's assessment under each name.
  for (const k of KOMMUNER) {
    const a = structuredClone(ishoej2017().assessment);
    a.kommune.navn = k.navn;
    const file = path.join(dir, `${k.dstCode}.xlsx`);
    writeFileSync(file, await writeXlsx(describeWorkbook(a)));
    workbooks.push(file);
  }
  // The previous cycle's file for Sammenlign: the first municipality, assessed earlier.
  const a = structuredClone(ishoej2017().assessment);
  a.kommune.navn = KOMMUNER[0]!.navn;
  a.vurderingDato = '2013-05-01';
  earlier = path.join(dir, 'tidligere.xlsx');
  writeFileSync(earlier, await writeXlsx(describeWorkbook(a)));
  // 1 GB that takes no room: a sparse file.
  big = path.join(dir, 'stor.xlsx');
  writeFileSync(big, '');
  truncateSync(big, 1024 * 1024 * 1024);
  demoSeed = JSON.stringify(await seedFromFile(workbooks[0]!));
}, 600_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Starts recording the page's long tasks (over 50 ms, as Chromium reports them) from now. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] };
    w.__long = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__long.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

/** Counts, from now, every read of a file's bytes on the page's own thread (a worker has its own Blob and FileReader). */
async function countReads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __reads: number };
    w.__reads = 0;
    const count = <T extends object>(proto: T, names: string[]) => {
      for (const name of names) {
        const original = (proto as Record<string, (...a: unknown[]) => unknown>)[name]!;
        (proto as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
          w.__reads++;
          return original.apply(this, args);
        };
      }
    };
    count(Blob.prototype, ['arrayBuffer', 'text', 'stream', 'bytes']);
    count(FileReader.prototype, ['readAsArrayBuffer', 'readAsBinaryString', 'readAsDataURL', 'readAsText']);
  });
}

const reads = (page: Page) => page.evaluate(() => (window as unknown as { __reads: number }).__reads);

const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __long: number[] }).__long);

/** The page's memory in use (after a garbage collection when `gc`), in bytes: its JavaScript heap and the ArrayBuffers' backing stores. */
async function heap(page: Page, gc: boolean): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    if (gc) await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
    return usage.usedSize + (usage.backingStorageSize ?? 0);
  } finally {
    await cdp.detach();
  }
}

describe('files chosen in the pane', () => {
  it('Saml checks 98 workbooks in a worker, never reading a byte on the page, with no long task over 200 ms', async () => {
    const page = await openStill(pane);
    await page.getByRole('tab', { name: 'Saml' }).click();
    await countReads(page);
    await watchLongTasks(page);
    // Excel held: the check alone is measured, then the overview is written.
    await onHost(page, (h: { hold(): void }) => h.hold());
    await page.getByLabel('Kommunernes projektmapper (.xlsx)').setInputFiles(workbooks);
    await page.waitForFunction(() => (window as unknown as { __fakeHost: { waiting: number } }).__fakeHost.waiting > 0, undefined, { timeout: 300_000 });
    const items = await page.getByRole('list', { name: 'Filer' }).getByRole('listitem').count();
    expect(items).toBe(KOMMUNER.length);
    const long = await longTasks(page);
    console.log(`98 workbooks checked: ${long.length} long tasks, longest ${Math.round(Math.max(0, ...long))} ms`);
    expect(long.filter((d) => d > 200)).toEqual([]);
    // The bytes were read in the worker only.
    expect(await reads(page)).toBe(0);
    const k = KOMMUNER[0]!;
    await expect(page.getByRole('list', { name: 'Filer' }).innerText()).resolves.toMatch(new RegExp(`${k.dstCode}\\.xlsx: godkendt( med advarsler)? \\(${k.navn}\\)`));
    await onHost(page, (h: { release(): void }) => h.release());
    await page.getByText('Oversigten er skrevet').waitFor({ timeout: 120_000 });
    await expect(page.getByRole('main').innerText()).resolves.toMatch(/98 kommuner i arket Oversigt; alle 98 filer med status i arket Filer/);
    await page.close();
  }, 600_000);

  it('Saml refuses a 1 GB file by its size in under a second, the heap growing by under 50 MB', async () => {
    const page = await openStill(pane);
    await page.getByRole('tab', { name: 'Saml' }).click();
    const before = await heap(page, true);
    const start = Date.now();
    await page.getByLabel('Kommunernes projektmapper (.xlsx)').setInputFiles(big);
    await page.getByText(/stor\.xlsx: afvist/).waitFor({ timeout: 60_000 });
    const took = Date.now() - start;
    const grew = (await heap(page, false)) - before;
    console.log(`1 GB file refused in ${took} ms, heap grew ${(grew / 1024 / 1024).toFixed(1)} MB`);
    expect(took).toBeLessThan(1000);
    expect(grew).toBeLessThan(50 * 1024 * 1024);
    await expect(page.getByRole('list', { name: 'Filer' }).innerText()).resolves.toMatch(/for stor til at være en parathedsvurdering \(over 32 MB\)/);
    // No file could be used: the overview is Filer alone, and the pane says so (never "0 kommuner i arket Oversigt").
    await page.getByText('Oversigten er skrevet').waitFor({ timeout: 60_000 });
    await expect(page.getByRole('main').innerText()).resolves.toContain('Ingen fil kunne bruges, så der er intet ark Oversigt; filen står med status i arket Filer.');
    expect(await onHost(page, (h: { state: { sheets: { name: string }[] } }) => h.state.sheets.map((s) => s.name))).not.toContain('Oversigt');
    await checkScreen(page, pane.shots, 'saml-for-stor');
    await page.close();
  });

  it('Sammenlign refuses a 1 GB file by its size in under a second, the heap growing by under 50 MB', async () => {
    const page = await openStill(pane, `host.load(${demoSeed});`);
    await page.getByRole('tab', { name: 'Sammenlign' }).and(page.locator(':not([disabled])')).click();
    await countReads(page);
    const before = await heap(page, true);
    const start = Date.now();
    await page.getByLabel('Sidste vurderings projektmappe (.xlsx)').setInputFiles(big);
    await page.getByText(/stor\.xlsx kan ikke sammenlignes/).waitFor({ timeout: 60_000 });
    const took = Date.now() - start;
    const grew = (await heap(page, false)) - before;
    console.log(`1 GB file refused by Sammenlign in ${took} ms, heap grew ${(grew / 1024 / 1024).toFixed(1)} MB`);
    expect(took).toBeLessThan(1000);
    expect(grew).toBeLessThan(50 * 1024 * 1024);
    await expect(page.getByRole('main').innerText()).resolves.toMatch(/for stor til at være en parathedsvurdering/);
    // And a workbook of the right size is read in the worker, compared here.
    await page.getByLabel('Sidste vurderings projektmappe (.xlsx)').setInputFiles(earlier);
    await page.getByRole('table', { name: 'Vurderingerne, sidst og nu' }).waitFor({ timeout: 60_000 });
    expect(await reads(page)).toBe(0);
    await page.close();
  });

  it('Tal reads saved responses in the worker (none read on the page), and refuses a 1 GB file by its size at once', async () => {
    const page = await openStill(pane);
    await page.getByRole('button', { name: 'Indsæt skabelon' }).click();
    await page.getByText('Skabelonen er indsat.').waitFor({ timeout: 60_000 });
    await onHost(page, (h: { userEdit(s: string, r: string, v: unknown): void }) => h.userEdit('Kommune', 'C3', 'Ishøj'));
    await onHost(page, (h: { calculate(r: unknown): void }, r) => h.calculate(r), excelResults(PARAMETERS.map(() => null)));
    await page.getByRole('tab', { name: 'Tal' }).and(page.locator(':not([disabled])')).click();
    await countReads(page);
    const picker = page.getByLabel('Gemte svar (filer eller zip-fil)');
    const before = await heap(page, true);
    const start = Date.now();
    await picker.setInputFiles(big);
    await page.getByText(/stor\.xlsx: Filen er for stor til at være gemte svar/).waitFor({ timeout: 60_000 });
    expect(Date.now() - start).toBeLessThan(1000);
    expect((await heap(page, false)) - before).toBeLessThan(50 * 1024 * 1024);
    // The shipped example responses were saved for 2017.
    await page.getByRole('radio', { name: 'Alle indikatorer fra ét år' }).check();
    await page.getByRole('textbox', { name: 'År', exact: true }).fill('2017');
    const example = path.join(ROOT, 'examples', 'statbank-konstrueret');
    await picker.setInputFiles(readdirSync(example).map((name) => path.join(example, name)));
    await page.getByRole('heading', { name: 'Det ændres (Ishøj)' }).waitFor({ timeout: 60_000 });
    expect(await reads(page)).toBe(0);
    await page.close();
  });
});
