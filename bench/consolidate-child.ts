/**
 * A child process of `npm run bench`, so that no measurement inherits another's heap:
 * - `consolidate DIR OUT`: parathed consolidate of a folder (the CLI in-process, quiet);
 * - `exceljs DIR`: every .xlsx of the folder loaded with ExcelJS (the whole-process baseline);
 * - `time-exceljs DIR`, `time-check DIR`, `time-overview DIR`: in-process, one warm-up run, then
 *   the median time of RUNS runs of loading every file with ExcelJS / of reading and checking
 *   every file / of that, the consolidation and writing the overview's bytes; every run reads
 *   the files from disk.
 * Each prints JSON: its peak memory (maxRSS, KiB) and, for the timings, the median milliseconds.
 */
import type ExcelJS from 'exceljs';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { checkFile } from '../src/consolidate/check';
import { consolidate } from '../src/consolidate/consolidate';
import { describeOverview } from '../src/consolidate/describe';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import type * as Cli from '../src/cli/main';
import { median } from './median';

const RUNS = 3;

/** ExcelJS's whole package, loaded in the modes that measure it only. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const exceljs = () => require('exceljs') as typeof ExcelJS;

async function run(): Promise<void> {
  const [mode, dir, out] = process.argv.slice(2) as [string, string, string | undefined];
  const files = readdirSync(dir)
    .filter((n) => n.endsWith('.xlsx'))
    .sort();
  const read = (f: string) => readFileSync(path.join(dir, f));
  const loadAll = async () => {
    const { Workbook } = exceljs();
    for (const f of files) await new Workbook().xlsx.load(read(f) as unknown as ArrayBuffer);
  };
  const checkAll = async () => {
    for (const f of files) await checkFile(f, read(f));
  };
  const overview = async () => {
    const checks = [];
    for (const f of files) checks.push(await checkFile(f, read(f)));
    await writeXlsx(describeOverview(consolidate(checks), 'bench'));
  };
  const timed: Record<string, () => Promise<void>> = { 'time-exceljs': loadAll, 'time-check': checkAll, 'time-overview': overview };
  let ms: number | undefined;
  if (mode === 'consolidate') {
    // The CLI, loaded in this mode only: the in-process timings load just what they measure.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { main } = require('../src/cli/main') as typeof Cli;
    await main(['consolidate', dir, '--out', out!, '--force'], { out: () => undefined, err: () => undefined });
  }
  else if (mode === 'exceljs') await loadAll();
  else {
    const measured = timed[mode];
    if (!measured) throw new Error(`unknown mode ${mode}`);
    await measured();
    ms = await median(measured, RUNS);
  }
  process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS, ...(ms !== undefined ? { ms } : {}) })}\n`);
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
