/**
 * The command line, run in-process: exit codes (0 ok, 1 problems, 2 usage), what it prints, and
 * what it leaves on disk. Each test works in a fresh temporary folder.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli as run, type Run } from './helpers/cli';
import { sha256 } from './helpers/hash';
import { readWorkbook } from '../src/xlsx/open';
import { SHEETS } from '../src/workbook/layout';


let dir: string;
const file = (name: string) => path.join(dir, name);

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-cli-'));
});

afterEach(() => {
  // No command may leave a temporary file behind, whatever it did.
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  rmSync(dir, { recursive: true, force: true });
});

/** No stack trace in anything the CLI printed. */
function expectNoStack(r: Run): void {
  expect(`${r.out}\n${r.err}`).not.toMatch(/^\s+at /m);
}

async function demoFile(name = 'demo.xlsx'): Promise<string> {
  const f = file(name);
  expect((await run('demo', '--out', f)).code).toBe(0);
  return f;
}

/** A copy of the demo with Egen_Beredskab set to 5. */
async function brokenFile(name = 'broken.xlsx'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(await demoFile('source.xlsx')) as unknown as ArrayBuffer);
  const [range] = wb.definedNames.getRanges('Egen_Beredskab').ranges;
  const m = /^'?(.*?)'?!\$?([A-Z]+)\$?(\d+)$/.exec(range!)!;
  wb.getWorksheet(m[1]!)!.getCell(`${m[2]}${m[3]}`).value = 5;
  const f = file(name);
  writeFileSync(f, Buffer.from(await wb.xlsx.writeBuffer()));
  return f;
}

describe('usage', () => {
  it('--help exits 0 and lists the commands', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const c of ['template', 'demo', 'validate', 'score']) expect(r.out).toContain(c);
  });

  it('a command\'s --help exits 0', async () => {
    const r = await run('score', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('--json');
  });

  it('no arguments prints the help and exits 2', async () => {
    const r = await run();
    expect(r.code).toBe(2);
    expect(`${r.out}${r.err}`).toContain('validate');
  });

  it('an unknown command exits 2', async () => {
    const r = await run('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).not.toBe('');
    expectNoStack(r);
  });

  it('an unknown option exits 2', async () => {
    const r = await run('template', '--out', file('t.xlsx'), '--bogus');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--bogus');
    expect(existsSync(file('t.xlsx'))).toBe(false);
  });

  it('a missing --out exits 2', async () => {
    const r = await run('template');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out');
  });

  it('an empty --out exits 2', async () => {
    const r = await run('template', '--out', '');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--out');
  });

  it('a missing file argument exits 2', async () => {
    expect((await run('validate')).code).toBe(2);
  });
});

describe('template and demo', () => {
  it('template --out writes a workbook that reads without problems', async () => {
    const f = file('skabelon.xlsx');
    const r = await run('template', '--out', f);
    expect(r.code).toBe(0);
    expect(r.err).toContain(f);
    const read = await readWorkbook(readFileSync(f));
    expect(read.problems).toEqual([]);
    expect(read.score!.antal).toBe(0);
  });

  it('writes the same bytes every time', async () => {
    await run('template', '--out', file('a.xlsx'));
    await run('template', '--out', file('b.xlsx'));
    expect(sha256(file('a.xlsx'))).toBe(sha256(file('b.xlsx')));
  });

  it('refuses to overwrite an existing file without --force, and leaves it as it was', async () => {
    const f = file('existing.xlsx');
    writeFileSync(f, 'keep me');
    const before = sha256(f);
    for (const cmd of ['template', 'demo']) {
      const r = await run(cmd, '--out', f);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--force');
      expect(sha256(f)).toBe(before);
    }
  });

  it('replaces an existing file with --force', async () => {
    const f = file('existing.xlsx');
    writeFileSync(f, 'replace me');
    const r = await run('template', '--out', f, '--force');
    expect(r.code).toBe(0);
    expect((await readWorkbook(readFileSync(f))).problems).toEqual([]);
    expect(readdirSync(dir)).toEqual(['existing.xlsx']);
  });

  it('refuses a folder as --out with exit 2', async () => {
    const r = await run('template', '--out', dir);
    expect(r.code).toBe(2);
    expectNoStack(r);
  });

  it('reports an output folder that does not exist with exit 1, no stack trace', async () => {
    const r = await run('template', '--out', path.join(dir, 'missing', 't.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err).toContain('t.xlsx');
    expectNoStack(r);
  });
});

describe('score', () => {
  it('score --json on the demo prints the Ishøj score exactly', async () => {
    const f = await demoFile();
    const r = await run('score', f, '--json');
    expect(r.code).toBe(0);
    // One JSON document with ok and problems beside the score (issue 11).
    expect(r.out).toBe('{"ok":true,"problems":[],"antal":10,"samlet":3,"foreloebig":3,"egen":3.4,"vurdering":2.6,"niveau":"I nogen grad"}\n');
    expect(r.err).toBe('');
  });

  it('score on the demo prints the total with a decimal comma', async () => {
    const f = await demoFile();
    const r = await run('score', f);
    expect(r.code).toBe(0);
    expect(r.out).toContain('3,0');
    expect(r.out).toContain('I nogen grad');
    expect(r.out).toContain('Ishøj');
    expect(r.out).toContain('10 af 10');
  });

  it('score --json on the empty template prints all null and antal 0', async () => {
    const f = file('skabelon.xlsx');
    await run('template', '--out', f);
    const r = await run('score', f, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({ ok: true, problems: [], antal: 0, samlet: null, foreloebig: null, egen: null, vurdering: null, niveau: null });
  });

  it('score on a workbook with a bad rating reports it and exits 1', async () => {
    const f = await brokenFile();
    const r = await run('score', f, '--json');
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${SHEETS.selvevaluering}!`);
    // The score of the cells as they stand: nine of ten counted.
    expect(JSON.parse(r.out)).toMatchObject({ antal: 9, samlet: null });
  });

  it('score of a missing file exits 1 without a stack trace', async () => {
    const f = file('nope.xlsx');
    const r = await run('score', f);
    expect(r.code).toBe(1);
    expect(r.err).toContain(f);
    expectNoStack(r);
  });
});

describe('validate', () => {
  it('passes the demo with exit 0', async () => {
    const f = await demoFile();
    const r = await run('validate', f);
    expect(r.code).toBe(0);
    expect(r.out).toContain('ingen problemer');
  });

  it('reports a rating of 5 with file, sheet!cell and message, exit 1, and leaves the file untouched', async () => {
    const f = await brokenFile();
    const before = sha256(f);
    const r = await run('validate', f);
    expect(r.code).toBe(1);
    expect(r.out).toContain(f);
    expect(r.out).toMatch(new RegExp(`${SHEETS.selvevaluering}![A-Z]+\\d+`));
    expect(r.out).toContain('Egen_Beredskab');
    expect(r.out).toContain('uden for skalaen');
    expect(r.out).toContain('1 problem fundet');
    expect(sha256(f)).toBe(before);
    expectNoStack(r);
  });

  it('validate --json gives the same problem as data', async () => {
    const f = await brokenFile();
    const r = await run('validate', f, '--json');
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ file: f, ok: false });
    expect(json.problems).toHaveLength(1);
    expect(json.problems[0]).toMatchObject({ sheet: SHEETS.selvevaluering, name: 'Egen_Beredskab' });
  });

  it('reports a missing file by name, exit 1, no stack trace', async () => {
    const f = file('findes-ikke.xlsx');
    const r = await run('validate', f);
    expect(r.code).toBe(1);
    expect(`${r.out}${r.err}`).toContain(f);
    expect(r.err).toContain('findes ikke');
    expectNoStack(r);
  });

  it('reports a file that is not an xlsx, exit 1', async () => {
    const f = file('notes.xlsx');
    writeFileSync(f, 'hello');
    const r = await run('validate', f);
    expect(r.code).toBe(1);
    expect(r.out).toContain(f);
    expect(r.out).toContain('.xlsx');
    expectNoStack(r);
  });

  it('reports a folder given as the file, exit 1', async () => {
    const r = await run('validate', dir);
    expect(r.code).toBe(1);
    expectNoStack(r);
  });
});
