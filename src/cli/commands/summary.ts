/** parathed summary: adds or replaces the Ledelsesresumé sheet, and renders it as PDF on request. */
import path from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import { putSummary } from '../../summary/put';
import { describeSummary, withheldNames } from '../../summary/summary';
import { missingInputs } from '../../workbook/validate';
import { describeWorkbook } from '../../workbook/template';
import { assertWritable, writeOutput } from '../files';
import { EXIT, formatProblem, type CommandContext, type Io } from '../output';
import { PdfUnavailable, summaryPdf } from '../pdf';
import { besideInput, openForRewrite } from '../workbook-file';

const summaryOptions = z.object({ out: z.string().min(1).optional(), pdf: z.string().min(1).optional(), force: z.boolean().optional() });

async function summaryCommand(file: string, opts: z.infer<typeof summaryOptions>, io: Io): Promise<number> {
  const opened = await openForRewrite(file);
  const { result } = opened;
  for (const p of result.problems) io.err(`${formatProblem(file, p)}\n`);
  if (!opened.workbook || !result.partial || result.problems.some((p) => p.structural)) {
    io.err('Resuméet kan ikke dannes, før projektmappens opbygning er i orden.\n');
    return EXIT.problems;
  }
  const out = opts.out ?? besideInput(file, 'resume');
  const namesInput = path.resolve(out) === path.resolve(file);
  // Both outputs are checked before anything is written.
  await assertWritable(out, namesInput ? { force: true } : { force: opts.force, inputs: [file] });
  if (opts.pdf) await assertWritable(opts.pdf, { force: opts.force, inputs: [file, out] });
  const missing = missingInputs(result);
  for (const p of missing) io.err(`${formatProblem(file, p)}\n`);
  const spec = describeWorkbook(result.partial, opened.read.data);
  // With a valid assessment the description is exactly what the sheets hold: their cached results are refreshed too.
  await putSummary(opened.workbook, describeSummary(result.partial, spec, new Date(), withheldNames(result.cells)), opened.read.view, result.assessment ? spec.sheets : []);
  const bytes = await opened.workbook.bytes();
  await writeOutput(out, bytes, namesInput ? { force: true } : { force: opts.force, inputs: [file] });
  const listed = result.problems.length + missing.length;
  io.err(`Ledelsesresumé skrevet: ${out}${listed ? ` (${listed} problem(er) eller mangler; se ovenfor – manglende tal vises som "mangler")` : ''}\n`);
  if (opts.pdf) {
    try {
      await writeOutput(opts.pdf, await summaryPdf(bytes), { force: opts.force, inputs: [file, out] });
      io.err(`PDF skrevet: ${opts.pdf}\n`);
    } catch (err) {
      if (err instanceof PdfUnavailable) {
        io.err(`${err.message}\n`);
        return EXIT.problems;
      }
      throw err;
    }
  }
  return listed > 0 ? EXIT.problems : EXIT.ok;
}

export function registerSummary(program: Command, { io, setExit }: CommandContext): void {
  program
    .command('summary')
    .description('Dan eller forny arket Ledelsesresumé (skriver en ny fil; inputfilen kun, hvis --out peger på den)')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--out <fil>', 'outputfil (standard: <fil>-resume.xlsx); må være inputfilen')
    .option('--pdf <fil>', 'gem også resuméet som PDF (kræver LibreOffice)')
    .option('--force', 'overskriv en eksisterende outputfil')
    .action(async (file: string, raw) => {
      setExit(await summaryCommand(file, summaryOptions.parse(raw), io));
    });
}
