/** parathed score: the score as the sheet's formulas compute it. */
import type { Command } from 'commander';
import { maskCpr } from '../../model/cpr';
import { PARAMETERS } from '../../model/parameters';
import { scoreJson, type ScoreJson } from '../../scoring/score';
import { readWorkbookFile } from '../workbook-file';
import { exitCodesHelp } from '../danish';
import { EXIT, formatProblem, jsonProblems, type CommandContext } from '../output';
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
  const command = program
    .command('score')
    .description('Beregn scoren for en udfyldt projektmappe, som arkets formler gør det')
    .argument('<fil>', 'udfyldt projektmappe (.xlsx)')
    .option('--json', 'skriv {"ok","problems","antal","samlet","foreloebig","egen","vurdering","niveau"} som JSON (null for tom)')
    .action(async (file: string, raw) => {
      const opts = jsonOption.parse(raw);
      const result = await readWorkbookFile(file);
      for (const p of result.problems) io.err(`${formatProblem(file, p)}\n`);
      const s = result.score ? scoreJson(result.score) : undefined;
      if (opts.json) {
        const none = { antal: null, samlet: null, foreloebig: null, egen: null, vurdering: null, niveau: null };
        io.out(`${JSON.stringify({ ok: result.problems.length === 0, problems: jsonProblems(file, result.problems), ...(s ?? none) })}\n`);
      } else if (s) {
        const kommune = result.cells.get('Kommune_Navn');
        io.out(scoreText(typeof kommune === 'string' ? maskCpr(kommune) : undefined, s));
      }
      setExit(s && result.problems.length === 0 ? EXIT.ok : EXIT.problems);
    });
  exitCodesHelp(command, '0 scoren er beregnet (også når vurderinger mangler: så er den foreløbig); 1 filen har problemer (scoren af cellerne, som de står, når den kan beregnes); 2 forkert brug');
}
