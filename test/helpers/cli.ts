/** Runs the CLI in-process, capturing what it prints. */
import { main } from '../../src/cli/main';

export interface Run {
  code: number;
  out: string;
  err: string;
}

export async function runCli(...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}
