/**
 * A child process of `npm run bench`: `consolidate DIR OUT` runs parathed consolidate on a folder
 * (the CLI in-process, quiet), `exceljs DIR` loads every .xlsx of the folder with ExcelJS (the
 * baseline); either prints its peak memory (maxRSS, KiB) as JSON.
 */
import type ExcelJS from 'exceljs';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main';

async function run(): Promise<void> {
  const [mode, dir, out] = process.argv.slice(2) as [string, string, string | undefined];
  if (mode === 'consolidate') {
    await main(['consolidate', dir, '--out', out!, '--force'], { out: () => undefined, err: () => undefined });
  } else {
    // Loaded in this mode only: the consolidation's process does not load all of ExcelJS.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Workbook } = require('exceljs') as typeof ExcelJS;
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.xlsx'))) {
      const wb = new Workbook();
      await wb.xlsx.load(readFileSync(path.join(dir, name)) as unknown as ArrayBuffer);
    }
  }
  process.stdout.write(`${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`);
}

run().catch((err) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
