/** The package's version, from the package.json above this file (src/cli, dist/cli or dist-bench/src/cli). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    if (path.dirname(dir) === dir) throw new Error('package.json not found above the CLI');
  }
}

export const version = packageVersion();
