/**
 * Where the pane runs: in Excel with the requirement sets the adapter needs, in another Office
 * application, or outside Office (office.js then resolves `Office.onReady` with host null, or is
 * not there at all).
 */
import { missingSets, type RequirementSet } from '../office/requirements';

export type HostStatus = { kind: 'excel'; missing: RequirementSet[] } | { kind: 'other'; host: string } | { kind: 'none' };

export async function detectHost(): Promise<HostStatus> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return { kind: 'none' };
  const info = await Office.onReady();
  if (!info || !info.host) return { kind: 'none' };
  if (info.host !== Office.HostType.Excel) return { kind: 'other', host: String(info.host) };
  return { kind: 'excel', missing: missingSets((name, version) => Office.context.requirements.isSetSupported(name, version)) };
}
