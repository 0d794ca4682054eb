/**
 * The parathed command line: one file per command under `commands/`, commander's own texts in
 * Danish (`danish.ts`). Exit codes: 0 ok, 1 problems found in the input (or an output that cannot
 * be written), 2 usage error. With --json a command that ran prints one JSON document on stdout,
 * also when its file cannot be read; usage errors go to stderr as text.
 */
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { registerConsolidate } from './commands/consolidate';
import { registerDemo } from './commands/demo';
import { registerFetch } from './commands/fetch';
import { registerScore } from './commands/score';
import { registerSummary } from './commands/summary';
import { registerTemplate } from './commands/template';
import { registerUpgrade } from './commands/upgrade';
import { registerValidate } from './commands/validate';
import { danishText, speakDanish } from './danish';
import { version } from './version';
import { InputError, UsageError } from './files';
import { EXIT, jsonProblems, type CommandContext, type Io } from './output';

export { EXIT, formatProblem } from './output';


const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

export function buildProgram(context: CommandContext): Command {
  const program = speakDanish(new Command('parathed'), version)
    .description('Parathedsvurdering: skabelon, score og validering af kommunernes parathedsvurdering (forebyggelse af ekstremisme).')
    .exitOverride()
    .configureOutput({ writeOut: context.io.out, writeErr: context.io.err, outputError: (text, write) => write(danishText(text)) })
    .showHelpAfterError('(kør "parathed --help" for hjælp)');
  for (const register of [registerTemplate, registerDemo, registerValidate, registerScore, registerSummary, registerFetch, registerUpgrade, registerConsolidate]) register(program, context);
  return program;
}

/** Runs the CLI and resolves to the exit code; never throws. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exit: number = EXIT.ok;
  const program = buildProgram({
    io,
    setExit: (code) => {
      exit = code;
    },
  });
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.usage;
  }
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exit;
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof UsageError) {
      io.err(`Fejl: ${err.message}\n`);
      return EXIT.usage;
    }
    if (err instanceof z.ZodError) {
      io.err(`Fejl: ${err.issues.map((i) => i.message).join('; ')}\n`);
      return EXIT.usage;
    }
    if (err instanceof InputError) {
      if (json) io.out(`${JSON.stringify({ ok: false, problems: jsonProblems(err.file ?? null, [{ message: err.message }]) }, null, 2)}\n`);
      else io.err(`Fejl: ${err.message}\n`);
      return EXIT.problems;
    }
    const message = `Uventet fejl: ${err instanceof Error ? err.message : String(err)}`;
    if (json) io.out(`${JSON.stringify({ ok: false, problems: [{ file: null, sheet: null, cell: null, name: null, message }] }, null, 2)}\n`);
    io.err(`${message}\n`);
    return EXIT.problems;
  }
}
