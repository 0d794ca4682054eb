/**
 * A workbook file as the fake Excel host's content: read with the file adapter (ExcelJS), every
 * sheet's used range and every workbook-level name, for `host.load(seed)` in the browser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openAndRead } from '../../src/xlsx/open';
import type { FakeSeed } from '../fake-excel/fake-excel';
import { runCli } from '../helpers/cli';

export async function seedFromFile(file: string): Promise<FakeSeed> {
  const opened = await openAndRead(new Uint8Array(readFileSync(file)));
  if (!opened.workbook) throw new Error(`${file} did not open`);
  const first = await opened.workbook.read({ sheets: true, names: true });
  const read = await opened.workbook.read({ ranges: first.sheets.map((s) => ({ sheet: s.name })) });
  const quote = (s: string) => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(s) ? s : `'${s.replace(/'/g, "''")}'`);
  const sheets = first.sheets.map((s) => {
    const range = read.ranges.find((r) => r.sheet === s.name)!;
    const m = /^([A-Z]+)(\d+)$/.exec(range.origin)!;
    const col0 = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const row0 = Number(m[2]);
    const letters = (n: number): string => (n <= 0 ? '' : letters(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));
    const cells: FakeSeed['sheets'][number]['cells'] = [];
    range.rows.forEach((row, r) =>
      row.forEach((c, k) => {
        if (c.type === 'empty') return;
        const ref = `${letters(col0 + k)}${row0 + r}`;
        if (c.type === 'formula') cells.push([ref, c.value, `=${c.formula}`]);
        else if (c.type === 'date') cells.push([ref, c.value, undefined, 'dd-mm-yyyy']);
        else cells.push([ref, c.value]);
      }),
    );
    return { name: s.name, visible: s.visible, cells };
  });
  const names = first.names.filter((n) => n.scope === null && n.target).map((n) => [n.name, `=${quote(n.target!.sheet)}!${absolute(n.target!.range)}`] as [string, string]);
  return { sheets, names };
}

function absolute(range: string): string {
  return range
    .split(':')
    .map((p) => p.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2'))
    .join(':');
}

/**
 * The demo written by the command line and pulled for Ishøj from the StatBank double at `url`
 * (`--replace-typed`): the path of the pulled workbook, in `dir`.
 */
export async function pulledDemo(dir: string, url: string): Promise<string> {
  const demo = path.join(dir, 'demo.xlsx');
  const pulled = path.join(dir, 'pulled.xlsx');
  if ((await runCli('demo', '--out', demo, '--force')).code !== 0) throw new Error('parathed demo failed');
  process.env.PARATHED_STATBANK_URL = url;
  try {
    const run = await runCli('fetch', demo, '--kommune', 'Ishøj', '--out', pulled, '--replace-typed');
    if (run.code !== 0) throw new Error(`parathed fetch failed: ${run.err}`);
  } finally {
    delete process.env.PARATHED_STATBANK_URL;
  }
  return pulled;
}
