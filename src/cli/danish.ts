/**
 * Commander's own texts in Danish: the help's headings, the help and version options, and the
 * errors it reports for a wrong command line (exit 2). Every command inherits this from the program.
 */
import type { Command } from 'commander';

const TITLES: Record<string, string> = {
  'Usage:': 'Brug:',
  'Options:': 'Tilvalg:',
  'Global Options:': 'Fælles tilvalg:',
  'Commands:': 'Kommandoer:',
  'Arguments:': 'Argumenter:',
};

/** commander's error messages, in the order they are tried, as Danish. */
const ERRORS: [RegExp, (...m: string[]) => string][] = [
  [/^error: required option '(.+)' not specified$/, (o) => `fejl: tilvalget '${o}' skal angives`],
  [/^error: option '(.+)' argument missing$/, (o) => `fejl: tilvalget '${o}' mangler en værdi`],
  [/^error: missing required argument '(.+)'$/, (a) => `fejl: argumentet '${a}' mangler`],
  [/^error: unknown option '([^']+)'(.*)$/, (o, rest) => `fejl: ukendt tilvalg '${o}'${suggestion(rest)}`],
  [/^error: unknown command '([^']+)'(.*)$/, (c, rest) => `fejl: ukendt kommando '${c}'${suggestion(rest)}`],
  [/^error: too many arguments(?: for '([^']+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (cmd, want, got) => `fejl: for mange argumenter${cmd ? ` til '${cmd}'` : ''}: ventede ${want}, fik ${got}.`],
  [/^error: option '(.+)' argument '(.+)' is invalid\.$/, (o, v) => `fejl: tilvalget '${o}' kan ikke have værdien '${v}'.`],
];

function suggestion(rest: string): string {
  const one = /\(Did you mean (.+)\?\)/.exec(rest);
  if (one) return `\n(Mente du ${one[1]}?)`;
  const many = /\(Did you mean one of (.+)\?\)/.exec(rest);
  return many ? `\n(Mente du en af ${many[1]}?)` : '';
}

/** A commander error or help text in Danish (unknown texts pass unchanged). */
export function danishText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      for (const [pattern, say] of ERRORS) {
        const m = pattern.exec(line.trimEnd());
        if (m) return say(...m.slice(1).map((x) => x ?? ''));
      }
      return line;
    })
    .join('\n')
    .replace(/\n\(Did you mean (.+)\?\)/, '\n(Mente du $1?)');
}

/** Sets the Danish help and errors on the program (before its commands are added: they inherit it). */
export function speakDanish(program: Command, version: string): Command {
  return program
    .configureHelp({
      styleTitle: (title) => TITLES[title] ?? title,
      // The placeholders of the usage lines: "parathed [tilvalg] [kommando]", "template [tilvalg]".
      styleOptionText: (text) => (text === '[options]' ? '[tilvalg]' : text),
      styleSubcommandText: (text) => (text === '[command]' ? '[kommando]' : text),
    })
    .helpOption('-h, --help', 'vis hjælp')
    .helpCommand('help [kommando]', 'vis hjælp til en kommando')
    .version(version, '-V, --version', 'vis versionsnummeret');
}

/** The help line of a required option: marked as such. */
export const required = (description: string) => `${description} (skal angives)`;

/** The exit codes a command documents in its help: the README's command table must say the same. */
export function exitCodesHelp(program: Command, codes: string): void {
  program.addHelpText('after', `\nExitkoder: ${codes}`);
}
