/**
 * The parathed command line. Exit codes: 0 ok, 1 problems found in the input, 2 usage error.
 */
import { Command, CommanderError } from 'commander';
import { z } from 'zod';
import { ishoej2017 } from '../examples/ishoej';
import { TEMPLATE_VERSION } from '../model/indicators';
import { PARAMETERS } from '../model/parameters';
import { emptyAssessment } from '../model/schema';
import { scoreJson, type ScoreJson } from '../scoring/score';
import { readWorkbook, type Problem } from '../workbook/reader';
import { describeWorkbook } from '../workbook/template';
import { writeXlsx } from '../workbook/xlsx-writer';
import { InputError, UsageError, readInput, writeOutput } from './files';

export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

const outOptions = z.object({ out: z.string().min(1, '--out skal have et filnavn'), force: z.boolean().optional() });
const jsonOption = z.object({ json: z.boolean().optional() });

export function formatProblem(file: string, p: Problem): string {
  const where = p.sheet ? `${p.sheet}!${p.cell ?? ''}` : '';
  const name = p.name ? ` (${p.name})` : '';
  return `${file}${where ? `: ${where}` : ''}${name}: ${p.message}`;
}

const fmt = (v: number | null, decimals = 1) => (v === null ? '–' : v.toLocaleString('da-DK', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }));

function scoreText(kommune: string | undefined, s: ScoreJson): string {
  return [
    `Parathedsvurdering${kommune ? ` – ${kommune}` : ''}`,
    `Vurderinger givet:        ${s.antal} af ${PARAMETERS.length}`,
    `Samlet score:             ${s.samlet === null ? `– (ikke alle ${PARAMETERS.length} vurderet)` : fmt(s.samlet)}${s.niveau ? ` (${s.niveau})` : ''}`,
    `Foreløbig score:          ${fmt(s.foreloebig)}`,
    `Kommunens egen vurdering: ${fmt(s.egen)}`,
    `Vurdering af parametre:   ${fmt(s.vurdering)}`,
    '',
  ].join('\n');
}

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('parathed')
    .description('Parathedsvurdering: skabelon, score og validering af kommunernes parathedsvurdering (forebyggelse af ekstremisme).')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showHelpAfterError('(kør "parathed --help" for hjælp)');

  program
    .command('template')
    .description('Skriv en tom skabelon (.xlsx)')
    .requiredOption('--out <fil>', 'outputfil (.xlsx)')
    .option('--force', 'overskriv outputfilen, hvis den findes')
    .action(async (raw) => {
      const opts = outOptions.parse(raw);
      await writeOutput(opts.out, await writeXlsx(describeWorkbook(emptyAssessment(TEMPLATE_VERSION))), { force: opts.force });
      io.err(`Skabelon skrevet: ${opts.out}\n`);
    });

  program
    .command('demo')
    .description('Skriv skabelonen udfyldt med Ishøj Kommunes parathedsvurdering fra 2017 (samlet score 3,0)')
    .requiredOption('--out <fil>', 'outputfil (.xlsx)')
    .option('--force', 'overskriv outputfilen, hvis den findes')
    .action(async (raw) => {
      const opts = outOptions.parse(raw);
      const { assessment } = ishoej2017();
      await writeOutput(opts.out, await writeXlsx(describeWorkbook(assessment)), { force: opts.force });
      io.err(`Demo skrevet: ${opts.out} (Ishøj Kommune 2017)\n`);
    });

  program
    .command('validate')
    .description('Kontrollér en udfyldt projektmappe; lister alle problemer (exit 1, hvis der er nogen)')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--json', 'skriv resultatet som JSON')
    .action(async (file: string, raw) => {
      const opts = jsonOption.parse(raw);
      const result = await readWorkbook(await readInput(file));
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

  program
    .command('score')
    .description('Beregn scoren for en udfyldt projektmappe, som arkets formler gør det')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--json', 'skriv {"antal","samlet","foreloebig","egen","vurdering","niveau"} som JSON (null for tom)')
    .action(async (file: string, raw) => {
      const opts = jsonOption.parse(raw);
      const result = await readWorkbook(await readInput(file));
      for (const p of result.problems) io.err(`${formatProblem(file, p)}\n`);
      if (!result.score) {
        setExit(EXIT.problems);
        return;
      }
      const s = scoreJson(result.score);
      const kommune = result.cells.get('Kommune_Navn');
      io.out(opts.json ? `${JSON.stringify(s)}\n` : scoreText(typeof kommune === 'string' ? kommune : undefined, s));
      setExit(result.problems.length === 0 ? EXIT.ok : EXIT.problems);
    });

  return program;
}

/** Runs the CLI and resolves to the exit code; never throws. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let exit: number = EXIT.ok;
  const program = buildProgram(io, (code) => {
    exit = code;
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

