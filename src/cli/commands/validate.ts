/** parathed validate: every problem of a filled workbook, with sheet, cell and a Danish message. */
import type { Command } from 'commander';
import { missingInputs } from '../../workbook/validate';
import { readWorkbookFile } from '../workbook-file';
import { exitCodesHelp } from '../danish';
import { EXIT, formatProblem, jsonProblems, type CommandContext } from '../output';
import { jsonOption } from './options';

export function registerValidate(program: Command, { io, setExit }: CommandContext): void {
  const command = program
    .command('validate')
    .description('Kontrollér en udfyldt projektmappe; lister alle problemer (exit 1, hvis der er nogen)')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--json', 'skriv resultatet som JSON')
    .action(async (file: string, raw) => {
      const opts = jsonOption.parse(raw);
      const result = await readWorkbookFile(file);
      // What is blank is listed as the summary lists it; it is not a problem (a draft is valid).
      const missing = missingInputs(result);
      if (opts.json) {
        io.out(`${JSON.stringify({ file, ok: result.problems.length === 0, version: result.version ?? null, problems: jsonProblems(file, result.problems), missing: jsonProblems(file, missing) }, null, 2)}\n`);
      } else {
        for (const p of result.problems) io.out(`${formatProblem(file, p)}\n`);
        io.out(result.problems.length === 0 ? `${file}: ingen problemer fundet (skabelonversion ${result.version}).\n` : `${result.problems.length} problem${result.problems.length === 1 ? '' : 'er'} fundet.\n`);
        if (missing.length > 0) {
          io.out(`Ikke udfyldt endnu (${missing.length}):\n`);
          for (const m of missing) io.out(`${formatProblem(file, m)}\n`);
        }
      }
      setExit(result.problems.length === 0 ? EXIT.ok : EXIT.problems);
    });
  exitCodesHelp(command, '0 ingen problemer (også når noget ikke er udfyldt endnu: det listes under "Ikke udfyldt endnu"); 1 problemer fundet (eller filen kan ikke læses); 2 forkert brug');
}
