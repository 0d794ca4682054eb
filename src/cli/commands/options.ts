/** Options more than one command takes, validated. */
import { z } from 'zod';

export const outOptions = z.object({ out: z.string().min(1, '--out skal have et filnavn'), force: z.boolean().optional() });
export const jsonOption = z.object({ json: z.boolean().optional() });
