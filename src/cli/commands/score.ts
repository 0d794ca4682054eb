/** parathed score: the score as the sheet's formulas compute it. */
import type { Command } from 'commander';
import { PARAMETERS } from '../../model/parameters';
import { scoreJson, type ScoreJson } from '../../scoring/score';
import { readWorkbookFile } from '../workbook-file';
import { EXIT, formatProblem, type CommandContext } from '../output';
import { jsonOption } from './options';

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

export function registerScore(program: Command, { io, setExit }: CommandContext): void {
  program
    .command('score')
    .description('Beregn scoren for en udfyldt projektmappe, som arkets formler gør det')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--json', 'skriv {"antal","samlet","foreloebig","egen","vurdering","niveau"} som JSON (null for tom)')
    .action(async (file: string, raw) => {
      const opts = jsonOption.parse(raw);
      const result = await readWorkbookFile(file);
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
}
