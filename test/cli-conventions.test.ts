/**
 * The command line as users expect it (issue 11, part 1): Danish help and errors, --version,
 * one JSON document with --json, --force meaning the output, outputs checked before any work,
 * a quiet end on a closed pipe, and the README's command table agreeing with --help.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Command } from 'commander';
import { buildProgram } from '../src/cli/main';
import { runCli as run } from './helpers/cli';
import { sha256 } from './helpers/hash';

const ROOT = path.resolve(__dirname, '..');
let dir: string;
let demo: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-conventions-'));
  demo = path.join(dir, 'demo.xlsx');
  expect((await run('demo', '--out', demo)).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Danish throughout', () => {
  it('the help is Danish, marks required options and gives the exit codes', async () => {
    const top = await run('--help');
    expect(top.code).toBe(0);
    expect(top.out).toMatch(/^Brug: parathed/m);
    expect(top.out).toMatch(/^Tilvalg:/m);
    expect(top.out).toMatch(/^Kommandoer:/m);
    expect(top.out).toMatch(/vis hjælp/);
    expect(top.out).toMatch(/^Brug: parathed \[tilvalg\] \[kommando\]$/m);
    expect(top.out).toMatch(/^ {2}template \[tilvalg\]/m);
    expect(top.out).not.toMatch(/Usage:|Options:|Commands:|display help|output the version|\[options\]|\[command\]/);
    const fetch = await run('fetch', '--help');
    expect(fetch.out).toMatch(/--kommune <kommune> .*\(skal angives\)/s);
    expect(fetch.out).toMatch(/^Argumenter:/m);
    expect(fetch.out).toMatch(/Exitkoder: 0 .*; 1 .*; 2 forkert brug/);
  });

  it.each<[string, string[], RegExp]>([
    ['a required option missing', ['template'], /^fejl: tilvalget '--out <fil>' skal angives$/m],
    ['an unknown option, with a suggestion', ['template', '--out', 'x.xlsx', '--forse'], /^fejl: ukendt tilvalg '--forse'\n\(Mente du --force\?\)$/m],
    ['an unknown command', ['valider', 'x.xlsx'], /^fejl: ukendt kommando 'valider'\n\(Mente du validate\?\)$/m],
    ['a missing argument', ['validate'], /^fejl: argumentet 'fil' mangler$/m],
    ['an option without its value', ['fetch', 'x.xlsx', '--kommune'], /^fejl: tilvalget '--kommune <kommune>' mangler en værdi$/m],
    ['too many arguments', ['score', 'a.xlsx', 'b.xlsx'], /^fejl: for mange argumenter til 'score': ventede 1, fik 2\.$/m],
  ])('%s is a Danish usage error, exit 2', async (_, argv, message) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/error:|Did you mean/);
  });

  it('--version prints the version', async () => {
    const r = await run('--version');
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
  });
});

describe('--json prints one JSON document', () => {
  it.each([['validate'], ['score'], ['upgrade'], ['fetch']])('%s of a file that cannot be read: ok false, the file named, exit 1', async (command) => {
    const notXlsx = path.join(dir, `noter-${command}.xlsx`);
    writeFileSync(notXlsx, 'ikke en projektmappe');
    for (const file of [path.join(dir, 'findes-ikke.xlsx'), notXlsx]) {
      const r = await run(command, file, '--json', ...(command === 'fetch' ? ['--kommune', 'Ishøj', '--responses', path.join(ROOT, 'examples', 'statbank-konstrueret')] : []));
      expect(r.code).toBe(1);
      const json = JSON.parse(r.out);
      expect(json.ok).toBe(false);
      expect(json.problems[0]).toMatchObject({ file, message: expect.any(String) });
    }
  });

  it('a usage error goes to stderr as text, not JSON', async () => {
    const r = await run('validate', '--json');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^fejl:/m);
  });
});

describe('outputs', () => {
  const nothingNew = () => readdirSync(dir).sort();

  it.each<[string, (d: string) => string[], number, RegExp]>([
    ['--out not ending in .xlsx', (d) => ['template', '--out', path.join(d, 'skabelon.txt')], 2, /skabelon\.txt: outputfilen skal ende på \.xlsx/],
    ['--pdf not ending in .pdf', (d) => ['summary', demo, '--out', path.join(d, 'r.xlsx'), '--pdf', path.join(d, 'r.xlsx.png')], 2, /r\.xlsx\.png: outputfilen skal ende på \.pdf/],
    ['a file as folder', (d) => ['template', '--out', path.join(d, 'demo.xlsx', 'out.xlsx')], 1, /demo\.xlsx er en fil, ikke en mappe/],
    ['a missing folder', (d) => ['template', '--out', path.join(d, 'mangler', 'under', 't.xlsx')], 1, /mappen .*mangler findes ikke/],
    ['a 300-character name', (d) => ['template', '--out', path.join(d, `${'x'.repeat(296)}.xlsx`)], 1, /filnavnet er for langt/],
    ['--save-responses naming an existing file', () => ['fetch', demo, '--kommune', 'Ishøj', '--out', path.join(dir, 'h.xlsx'), '--save-responses', demo], 2, /--save-responses .*demo\.xlsx: er en fil, ikke en mappe/],
    ['--pdf equal to --out', (d) => ['summary', demo, '--out', path.join(d, 'same.xlsx'), '--pdf', path.join(d, 'same.xlsx')], 2, /outputfilen skal ende på \.pdf/],
    ['summary --out the input, even with --force', () => ['summary', demo, '--out', demo, '--force'], 2, /er også inputfilen/],
  ])('%s is refused before anything is written', async (_, argv, code, message) => {
    const before = nothingNew();
    const input = sha256(demo);
    const r = await run(...argv(dir));
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\.tmp|\n\s+at /);
    expect(nothingNew()).toEqual(before);
    expect(sha256(demo)).toBe(input);
  });

  it('a PDF that cannot be made leaves neither file behind', async () => {
    process.env.PARATHED_SOFFICE = path.join(dir, 'no-soffice');
    try {
      const before = nothingNew();
      const r = await run('summary', demo, '--out', path.join(dir, 'resume.xlsx'), '--pdf', path.join(dir, 'resume.pdf'));
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/PDF kræver LibreOffice.*Der er ikke skrevet nogen fil/);
      expect(nothingNew()).toEqual(before);
    } finally {
      delete process.env.PARATHED_SOFFICE;
    }
  });
});

describe('a closed pipe', () => {
  it('ends quietly (parathed validate x.xlsx | head -1)', async () => {
    // A workbook with many problems: a 1.0 demo relabelled 1.1, so every 1.0 formula and name is off.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(path.join(__dirname, 'fixtures', 'v1.0', 'ishoej-demo-1.0.xlsx')) as unknown as ArrayBuffer);
    wb.getWorksheet('Vejledning')!.eachRow((row) => row.eachCell((c) => {
      if (c.value === '1.0') c.value = '1.1';
    }));
    const many = path.join(dir, 'mange-problemer.xlsx');
    writeFileSync(many, Buffer.from(await wb.xlsx.writeBuffer()));
    const { code, err } = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'parathed.js'), 'validate', many], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d) => (err += String(d)));
      // The reader is gone before the first line (as head -1 is after it): every write meets a closed pipe.
      child.stdout.destroy();
      child.on('close', (c) => resolve({ code: c, err }));
    });
    expect(err).toBe('');
    expect(code).not.toBeNull();
  });
});

describe('README and --help agree', () => {
  const program = buildProgram({ io: { out: () => undefined, err: () => undefined }, setExit: () => undefined });
  const rows = new Map(
    [...readFileSync(path.join(ROOT, 'README.md'), 'utf8').matchAll(/^\| `parathed (\w+)([^`]*)` \|.*\| ([\d, ]+) \|$/gm)].map((m) => [m[1]!, { usage: m[2]!, codes: m[3]!.split(',').map((c) => c.trim()) }]),
  );
  const longOptions = (cmd: Command) => cmd.options.filter((o) => !o.hidden && o.long && o.long !== '--help').map((o) => o.long!);
  const helpCodes = (cmd: Command) => {
    let text = '';
    cmd.configureOutput({ writeOut: (t) => (text += t) });
    cmd.outputHelp();
    return [...(/Exitkoder: (.*)/.exec(text)?.[1] ?? '').matchAll(/(?:^|; )(\d) /g)].map((m) => m[1]!);
  };

  it('every command of --help is in the README with its options and exit codes, and the reverse', () => {
    expect([...rows.keys()].sort()).toEqual(program.commands.map((c) => c.name()).sort());
    for (const cmd of program.commands) {
      const row = rows.get(cmd.name())!;
      const inReadme = [...row.usage.matchAll(/--[a-z-]+/g)].map((m) => m[0]);
      expect({ command: cmd.name(), options: [...inReadme].sort() }).toEqual({ command: cmd.name(), options: longOptions(cmd).sort() });
      expect({ command: cmd.name(), codes: row.codes }).toEqual({ command: cmd.name(), codes: helpCodes(cmd) });
    }
  });
});

describe('the offline pull to try', () => {
  it('--responses DIR with subfolders (__MACOSX, an unzipped folder) skips them, never a raw EISDIR', async () => {
    const saved = path.join(dir, 'svar-med-mapper');
    cpSync(path.join(ROOT, 'examples', 'statbank-konstrueret'), saved, { recursive: true });
    mkdirSync(path.join(saved, '__MACOSX'));
    writeFileSync(path.join(saved, '__MACOSX', '._data-FOLK1A.json'), 'Mac resource fork');
    mkdirSync(path.join(saved, 'udpakket.json'));
    const tom = path.join(dir, 'tom-mapper.xlsx');
    expect((await run('template', '--out', tom)).code).toBe(0);
    const r = await run('fetch', tom, '--kommune', 'Ishøj', '--year', '2017', '--out', path.join(dir, 'tom-mapper-hentet.xlsx'), '--responses', saved);
    expect(r.err).not.toMatch(/EISDIR|illegal operation|Uventet fejl/);
    expect(r.code).toBe(0);
    // A file given as the folder is named as such.
    const file = await run('fetch', tom, '--kommune', 'Ishøj', '--out', path.join(dir, 'x.xlsx'), '--responses', tom);
    expect(file.code).toBe(2);
    expect(file.err).toContain(`--responses ${tom}: er en fil, ikke en mappe.`);
  });

  it('fetch of the empty template with --responses examples/statbank-konstrueret cites a constructed example, never Statistics Denmark', async () => {
    const tom = path.join(dir, 'tom.xlsx');
    expect((await run('template', '--out', tom)).code).toBe(0);
    const out = path.join(dir, 'tom-hentet.xlsx');
    const r = await run('fetch', tom, '--kommune', 'Ishøj', '--year', '2017', '--out', out, '--responses', path.join(ROOT, 'examples', 'statbank-konstrueret'));
    expect(r.code).toBe(0);
    const { readWorkbook } = await import('../src/xlsx/open');
    const read = await readWorkbook(readFileSync(out));
    expect(read.problems).toEqual([]);
    const cited = [...read.cells].filter(([name]) => /_(Kilde|Hentet)$|^Kommune_Indbyggere_Periode$/.test(name)).map(([, v]) => String(v ?? ''));
    expect(cited.filter((v) => v !== '')).toHaveLength(11); // the population note, and Kilde and Hentet of five indicators
    for (const v of cited.filter((x) => x !== '')) {
      expect(v).toMatch(/[Kk]onstrueret eksempel/);
      expect(v).not.toMatch(/Kilde: Danmarks Statistik|^Danmarks Statistik/);
    }
    const { readSheets } = await import('./helpers/xlsx-cells');
    expect((await readSheets(out)).get('Data')!.values.get('A2')).toMatch(/^Kilde: konstrueret eksempel, ikke Danmarks Statistik\. Hentet .* for Ishøj Kommune\.$/);
    for (const f of readdirSync(path.join(ROOT, 'examples', 'statbank-konstrueret')).filter((x) => x.endsWith('.source.txt'))) {
      expect(readFileSync(path.join(ROOT, 'examples', 'statbank-konstrueret', f), 'utf8')).toMatch(/^Kind: constructed example .*not Statistics Denmark's figures\nConstructed for: Kommune 183, year 2017$/m);
    }
  });

  it('refuses, before any request, another municipality or year than the constructed example was made for (exit 2, no file)', async () => {
    const tom = path.join(dir, 'tom2.xlsx');
    expect((await run('template', '--out', tom)).code).toBe(0);
    const example = path.join(ROOT, 'examples', 'statbank-konstrueret');
    for (const [args, asked] of [
      [['--kommune', 'Køge', '--year', '2017'], 'Køge \\(259\\) i 2017'],
      [['--kommune', 'Ishøj', '--year', '2016'], 'Ishøj \\(183\\) i 2016'],
      [['--kommune', 'Ishøj'], 'Ishøj \\(183\\) med hver indikators nyeste tal'],
    ] as const) {
      const out = path.join(dir, 'uden-for.xlsx');
      const r = await run('fetch', tom, ...args, '--out', out, '--responses', example);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(new RegExp(`^Fejl: --responses .*statbank-konstrueret: svarene er et konstrueret eksempel, lavet til en hentning for Ishøj \\(183\\) i 2017, og svarer ikke for ${asked}; tallene ville være opdigtede\\. For at prøve eksemplet: brug --kommune Ishøj --year 2017\\. Der er ikke skrevet nogen fil\\.`));
      expect(r.out).toBe('');
      expect(existsSync(out)).toBe(false);
    }
  });

  it('refuses --save-responses with --responses: replayed responses saved again would pass for Statistics Denmark’s (exit 2, nothing written)', async () => {
    const tom = path.join(dir, 'tom3.xlsx');
    expect((await run('template', '--out', tom)).code).toBe(0);
    const example = path.join(ROOT, 'examples', 'statbank-konstrueret');
    const saved = path.join(dir, 'gemt-igen');
    const out = path.join(dir, 'gemt-igen.xlsx');
    const r = await run('fetch', tom, '--kommune', 'Ishøj', '--year', '2017', '--out', out, '--responses', example, '--save-responses', saved);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--save-responses gemmer svar fra Danmarks Statistik og kan ikke bruges med --responses/);
    expect(existsSync(saved)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });
});
