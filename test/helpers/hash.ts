/** The SHA-256 of a file's bytes, in hex: to show a file was (or was not) changed. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const sha256 = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');
