/** parathed template: the empty template. */
import type { Command } from 'commander';
import { TEMPLATE_VERSION } from '../../model/indicators';
import { emptyAssessment } from '../../model/schema';
import { describeWorkbook } from '../../workbook/template';
import { writeXlsx } from '../../xlsx/xlsx-workbook';
import { exitCodesHelp, required } from '../danish';
import { assertWritable, writeOutput } from '../files';
import type { CommandContext } from '../output';
import { outOptions } from './options';

export function registerTemplate(program: Command, { io }: CommandContext): void {
  const command = program
    .command('template')
    .description('Skriv en tom skabelon (.xlsx)')
    .requiredOption('--out <fil>', required('outputfil (.xlsx)'))
    .option('--force', 'overskriv outputfilen, hvis den findes')
    .action(async (raw) => {
      const opts = outOptions.parse(raw);
      await assertWritable(opts.out, { force: opts.force, ext: '.xlsx' });
      await writeOutput(opts.out, await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))), { force: opts.force, ext: '.xlsx' });
      io.err(`Skabelon skrevet: ${opts.out}\n`);
    });
  exitCodesHelp(command, '0 skrevet; 1 outputfilen kunne ikke skrives; 2 forkert brug');
}
