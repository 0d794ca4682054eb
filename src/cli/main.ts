/**
 * The parathed command line: one file per command under `commands/`. Exit codes: 0 ok,
 * 1 problems found in the input, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { registerDemo } from './commands/demo';
import { registerFetch } from './commands/fetch';
import { registerScore } from './commands/score';
import { registerSummary } from './commands/summary';
import { registerTemplate } from './commands/template';
import { registerUpgrade } from './commands/upgrade';
import { registerValidate } from './commands/validate';
import { InputError, UsageError } from './files';
import { EXIT, type CommandContext, type Io } from './output';

export { EXIT, formatProblem } from './output';

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

function buildProgram(context: CommandContext): Command {
  const program = new Command('parathed')
    .description('Parathedsvurdering: skabelon, score og validering af kommunernes parathedsvurdering (forebyggelse af ekstremisme).')
    .exitOverride()
    .configureOutput({ writeOut: context.io.out, writeErr: context.io.err })
    .showHelpAfterError('(kør "parathed --help" for hjælp)');
  for (const register of [registerTemplate, registerDemo, registerValidate, registerScore, registerSummary, registerFetch, registerUpgrade]) register(program, context);
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
      io.err(`Fejl: ${err.message}\n`);
      return EXIT.problems;
    }
    io.err(`Uventet fejl: ${err instanceof Error ? err.message : String(err)}\n`);
    return EXIT.problems;
  }
}
