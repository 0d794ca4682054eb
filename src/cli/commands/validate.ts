/** parathed validate: every problem of a filled workbook, with sheet, cell and a Danish message. */
import type { Command } from 'commander';
import { readWorkbookFile } from '../workbook-file';
import { EXIT, formatProblem, type CommandContext } from '../output';
import { jsonOption } from './options';

export function registerValidate(program: Command, { io, setExit }: CommandContext): void {
  program
    .command('validate')
    .description('Kontrollér en udfyldt projektmappe; lister alle problemer (exit 1, hvis der er nogen)')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--json', 'skriv resultatet som JSON')
    .action(async (file: string, raw) => {
      const opts = jsonOption.parse(raw);
      const result = await readWorkbookFile(file);
      if (opts.json) {
        io.out(`${JSON.stringify({ file, ok: result.problems.length === 0, problems: result.problems }, null, 2)}\n`);
      } else if (result.problems.length === 0) {
        io.out(`${file}: ingen problemer fundet.\n`);
      } else {
        for (const p of result.problems) io.out(`${formatProblem(file, p)}\n`);
        io.out(`${result.problems.length} problem${result.problems.length === 1 ? '' : 'er'} fundet.\n`);
      }
      setExit(result.problems.length === 0 ? EXIT.ok : EXIT.problems);
    });
}
