/**
 * parathed upgrade: writes a workbook of an older template version into the current template,
 * with every input, the Data sheet and the pull log carried over and an existing summary made
 * anew, and says what moved. Never changes its input.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { TEMPLATE_VERSION } from '../../model/indicators';
import { SUMMARY_SHEET, describeSummary } from '../../summary/summary';
import { describeWorkbook } from '../../workbook/template';
import { planUpgrade } from '../../workbook/upgrade';
import { openAndRead } from '../../xlsx/open';
import { EMPTY_CELL_NOTES, lostPartsMessage } from '../../xlsx/parts';
import { writeXlsx } from '../../xlsx/xlsx-workbook';
import { InputError, assertWritable, writeOutput } from '../files';
import type { Problem } from '../../workbook/validate';
import { exitCodesHelp } from '../danish';
import { EXIT, formatProblem, jsonProblems, type CommandContext, type Io } from '../output';
import { besideInput, inputOf } from '../workbook-file';

const upgradeOptions = z.object({ out: z.string().min(1).optional(), force: z.boolean().optional(), json: z.boolean().optional() });

async function upgradeCommand(file: string, opts: z.infer<typeof upgradeOptions>, io: Io): Promise<number> {
  const out = opts.out ?? besideInput(file, `v${TEMPLATE_VERSION}`);
  // --force replaces no filled-in assessment but this municipality's own.
  const input = await inputOf(file);
  await assertWritable(out, { force: opts.force, inputs: [file], ext: '.xlsx', kommune: input.kommune });
  const fail = (problems: Problem[]) => {
    for (const p of problems) io.err(`${formatProblem(file, p)}\n`);
    if (opts.json) io.out(`${JSON.stringify({ file, ok: false, problems: jsonProblems(file, problems), written: null }, null, 2)}\n`);
    return EXIT.problems;
  };
  const opened = await openAndRead(input.bytes, { notes: true });
  // Notes, on empty cells or not, the plan lists itself (an upgrade carries none).
  const lost = opened.lost.filter((l) => !l.startsWith(EMPTY_CELL_NOTES));
  if (lost.length > 0) throw new InputError(lostPartsMessage(file, lost));
  const version = opened.result.version;
  if (version === TEMPLATE_VERSION) {
    const message = `${file} er allerede skabelonversion ${TEMPLATE_VERSION}; der er intet at opgradere.`;
    if (opts.json) io.out(`${JSON.stringify({ file, ok: true, problems: [], from: version, to: TEMPLATE_VERSION, written: null, moved: [], notCarried: [], notes: [message] }, null, 2)}\n`);
    else io.err(`${message}\n`);
    return EXIT.ok;
  }
  if (!opened.workbook) return fail(opened.result.problems);
  const plan = planUpgrade(opened.read, SUMMARY_SHEET);
  if ('problems' in plan) {
    io.err('Projektmappen kan ikke opgraderes, før dens opbygning er i orden.\n');
    return fail(plan.problems);
  }
  // What the user made that the new workbook would not hold: listed, and nothing is written.
  if (plan.extraSheets.length > 0 || plan.lost.length > 0) {
    const sheets = plan.extraSheets.length > 0 ? [{ message: `Arkene ${plan.extraSheets.map((s) => `"${s}"`).join(', ')} er ikke en del af skabelonen og ville ikke komme med. Flyt dem til en anden projektmappe, og opgrader så.` }] : [];
    return fail([...sheets, ...plan.lost]);
  }
  const spec = describeWorkbook(plan.assessment, plan.data);
  const hadSummary = opened.read.view.hasSheet(SUMMARY_SHEET);
  const sheets = hadSummary ? [describeSummary(plan.assessment, spec, new Date()), ...spec.sheets] : spec.sheets;
  await writeOutput(out, await writeXlsx({ ...spec, sheets }), { force: opts.force, inputs: [file], ext: '.xlsx', kommune: input.kommune });

  if (opts.json) {
    io.out(`${JSON.stringify({ file, ok: plan.notCarried.length === 0, problems: jsonProblems(file, plan.notCarried), from: plan.from, to: plan.to, written: out, summary: hadSummary, moved: plan.moved, notCarried: plan.notCarried, notes: plan.notes }, null, 2)}\n`);
  } else {
    io.out(`Opgraderet fra skabelonversion ${plan.from} til ${plan.to}: ${out}\n`);
    for (const m of plan.moved) io.out(m.from ? `  flyttet ${m.name}: ${m.from} → ${m.to}\n` : `  ny ${m.name}: ${m.to}\n`);
    for (const n of plan.notes) io.out(`  ${n}\n`);
    if (hadSummary) io.out(`  Ledelsesresumé er dannet igen.\n`);
    for (const p of plan.notCarried) io.out(`  ikke overført: ${formatProblem(file, p)}\n`);
  }
  return plan.notCarried.length > 0 ? EXIT.problems : EXIT.ok;
}

export function registerUpgrade(program: Command, { io, setExit }: CommandContext): void {
  const command = program
    .command('upgrade')
    .description(`Skriv en projektmappe fra en ældre skabelonversion over i version ${TEMPLATE_VERSION} (skriver en ny fil; inputfilen ændres aldrig)`)
    .argument('<fil>', 'projektmappe (.xlsx) fra en ældre skabelonversion')
    .option('--out <fil>', `outputfil (standard: <fil>-v${TEMPLATE_VERSION}.xlsx)`)
    .option('--force', 'overskriv outputfilen, hvis den findes')
    .option('--json', 'skriv hvad der er flyttet og overført som JSON')
    .action(async (file: string, raw) => {
      setExit(await upgradeCommand(file, upgradeOptions.parse(raw), io));
    });
  exitCodesHelp(command, '0 alt er overført (eller filen er allerede den nyeste version); 1 noget kunne ikke overføres (det nævnes), eller projektmappen har egne ark, navne eller noter, som ikke ville komme med (de nævnes; intet skrives); 2 forkert brug');
}
