/** The package's version (package.json two folders up from src/cli and from dist/cli). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { version } = require('../../package.json') as { version: string };
