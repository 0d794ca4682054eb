/**
 * Inputs that are only missing are not problems (issue 21): a blank Vurdering_Dato is listed where
 * every other blank input is (validate's "Ikke udfyldt endnu", the summary's list, the pane's Tjek
 * through the same missingInputs), and validate, score and summary exit 0 for what is only
 * missing, 1 only for problems; the help of each says so.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ishoej2017 } from '../src/examples/ishoej';
import { buildProgram } from '../src/cli/main';
import { describeWorkbook } from '../src/workbook/template';
import { writeXlsx } from '../src/xlsx/xlsx-workbook';
import { runCli as run } from './helpers/cli';
import { writeWithNamedCells } from './helpers/named-cells';

let dir: string;
let demo: Buffer;
const DATE_MISSING = 'Kommune!C7 (Vurdering_Dato): Mangler: vurderingens dato er ikke skrevet (dd-mm-åååå).';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'parathed-missing-'));
  demo = Buffer.from(await writeXlsx(describeWorkbook(ishoej2017().assessment)));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('only missing is no problem', () => {
  it('a blank date, rating and figure: listed by validate and summary, and validate, score and summary exit 0', async () => {
    const file = await writeWithNamedCells(demo, { Vurdering_Dato: null, Vurd_Strategi: null, Ind_Fuldtidsledige_Kommune: null }, path.join(dir, 'kladde.xlsx'));
    const v = await run('validate', file);
    expect(v.code).toBe(0);
    expect(v.out).toContain('Ikke udfyldt endnu (3):');
    expect(v.out).toContain(`${file}: ${DATE_MISSING}`);
    const json = JSON.parse((await run('validate', file, '--json')).out) as { ok: boolean; missing: { name: string; sheet: string; cell: string }[] };
    expect(json.ok).toBe(true);
    expect(json.missing.map((m) => m.name).sort()).toEqual(['Ind_Fuldtidsledige_Kommune', 'Vurd_Strategi', 'Vurdering_Dato']);
    expect(json.missing.find((m) => m.name === 'Vurdering_Dato')).toMatchObject({ sheet: 'Kommune', cell: 'C7' });

    const s = await run('score', file);
    expect(s.code).toBe(0);
    expect(s.out).toContain('Vurderinger givet:        9 af 10');

    const summary = await run('summary', file, '--out', path.join(dir, 'kladde-resume.xlsx'));
    expect(summary.code).toBe(0);
    expect(summary.err).toContain(`${file}: ${DATE_MISSING}`);
    expect(summary.err).toMatch(/Ledelsesresumé skrevet: .*\(3 problem\(er\) eller mangler/);
  });

  it('the empty template: nothing but missing inputs, exit 0 from each', async () => {
    const template = path.join(dir, 'tom.xlsx');
    expect((await run('template', '--out', template)).code).toBe(0);
    const v = await run('validate', template);
    expect(v.code).toBe(0);
    expect(v.out).toContain(`${template}: ${DATE_MISSING}`);
    expect((await run('score', template)).code).toBe(0);
    expect((await run('summary', template, '--out', path.join(dir, 'tom-resume.xlsx'))).code).toBe(0);
  });

  it('a problem still exits 1 from each, the blank date listed beside it', async () => {
    const file = await writeWithNamedCells(demo, { Vurdering_Dato: null, Egen_Beredskab: 5 }, path.join(dir, 'fejl.xlsx'));
    const v = await run('validate', file);
    expect(v.code).toBe(1);
    expect(v.out).toContain(`${file}: ${DATE_MISSING}`);
    expect((await run('score', file)).code).toBe(1);
    expect((await run('summary', file, '--out', path.join(dir, 'fejl-resume.xlsx'))).code).toBe(1);
  });

  it('a date that cannot be read is one problem, not also missing', async () => {
    const file = await writeWithNamedCells(demo, { Vurdering_Dato: 'sidste forår' }, path.join(dir, 'dato-fejl.xlsx'));
    const json = JSON.parse((await run('validate', file, '--json')).out) as { problems: { name: string }[]; missing: { name: string }[] };
    expect(json.problems.map((p) => p.name)).toEqual(['Vurdering_Dato']);
    expect(json.missing.map((m) => m.name)).not.toContain('Vurdering_Dato');
  });

  it('the help of validate, score and summary says that what is only missing exits 0', () => {
    const program = buildProgram({ io: { out: () => undefined, err: () => undefined }, setExit: () => undefined });
    for (const name of ['validate', 'score', 'summary']) {
      let text = '';
      const cmd = program.commands.find((c) => c.name() === name)!;
      cmd.configureOutput({ writeOut: (t) => (text += t) });
      cmd.outputHelp();
      const zero = /Exitkoder: 0 (.*?); 1 /.exec(text)?.[1] ?? '';
      expect({ name, zero }).toEqual({ name, zero: expect.stringMatching(/også når (noget ikke er udfyldt endnu|vurderinger mangler)/) });
    }
  });
});
