/** parathed demo: the template filled with Ishøj Kommune's 2017 assessment, with its summary. */
import type { Command } from 'commander';
import { ishoej2017 } from '../../examples/ishoej';
import { describeSummary } from '../../summary/summary';
import { describeWorkbook } from '../../workbook/template';
import { writeXlsx } from '../../xlsx/xlsx-workbook';
import { writeOutput } from '../files';
import type { CommandContext } from '../output';
import { outOptions } from './options';

export function registerDemo(program: Command, { io }: CommandContext): void {
  program
    .command('demo')
    .description('Skriv skabelonen udfyldt med Ishøj Kommunes parathedsvurdering fra 2017 (samlet score 3,0)')
    .requiredOption('--out <fil>', 'outputfil (.xlsx)')
    .option('--force', 'overskriv outputfilen, hvis den findes')
    .action(async (raw) => {
      const opts = outOptions.parse(raw);
      const { assessment } = ishoej2017();
      const spec = describeWorkbook(assessment);
      const withSummary = { ...spec, sheets: [describeSummary(assessment, spec, new Date()), ...spec.sheets] };
      await writeOutput(opts.out, await writeXlsx(withSummary), { force: opts.force });
      io.err(`Demo skrevet: ${opts.out} (Ishøj Kommune 2017)\n`);
    });
}
