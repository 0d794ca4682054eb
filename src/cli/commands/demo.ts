/** parathed demo: the template filled with Ishøj Kommune's 2017 assessment, with its summary. */
import type { Command } from 'commander';
import { ishoej2017 } from '../../examples/ishoej';
import { describeSummary } from '../../summary/summary';
import { describeWorkbook } from '../../workbook/template';
import { writeXlsx } from '../../xlsx/xlsx-workbook';
import { exitCodesHelp } from '../danish';
import { assertWritable, writeOutput } from '../files';

/** Where the demo goes when --out is not given (ignored by git in the project folder). */
export const DEMO_FILE = 'ishoej-2017-demo.xlsx';
import type { CommandContext } from '../output';
import { outOptions } from './options';

export function registerDemo(program: Command, { io }: CommandContext): void {
  const command = program
    .command('demo')
    .description('Skriv skabelonen udfyldt med Ishøj Kommunes parathedsvurdering fra 2017 (samlet score 3,0)')
    .option('--out <fil>', `outputfil (.xlsx; standard: ${DEMO_FILE})`, DEMO_FILE)
    .option('--force', 'overskriv outputfilen, hvis den findes')
    .action(async (raw) => {
      const opts = outOptions.parse(raw);
      const { assessment } = ishoej2017();
      // --force replaces an earlier demo (the same inputs), never an assessment someone filled in.
      await assertWritable(opts.out, { force: opts.force, ext: '.xlsx', writes: assessment });
      const spec = describeWorkbook(assessment);
      const withSummary = { ...spec, sheets: [describeSummary(assessment, spec, new Date()), ...spec.sheets] };
      await writeOutput(opts.out, await writeXlsx(withSummary), { force: opts.force, ext: '.xlsx', writes: assessment });
      io.err(`Demo skrevet: ${opts.out} (Ishøj Kommune 2017)\n`);
    });
  exitCodesHelp(command, '0 skrevet; 1 outputfilen kunne ikke skrives; 2 forkert brug');
}
