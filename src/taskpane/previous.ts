/**
 * Sammenlign med sidste vurdering: the previous cycle's workbook, chosen as a file and checked
 * (in the pane's file-checking worker) by the consolidation's selective reader (the same checks as `parathed consolidate`),
 * against the open workbook read through the port: per parameter and per indicator, then → now,
 * with both assessment dates and the indicators' periods; refused when the chosen file is not the
 * older of the two (previousCycleOrder, as `parathed summary --previous`). No React, no Office.js;
 * loaded on first use (the consolidation's chunk).
 */
import { checkRead, type Entry, type FileCheck } from '../consolidate/check';
import { INDICATORS } from '../model/indicators';
import { PARAMETERS } from '../model/parameters';
import type { FormulaValue } from '../scoring/excel';
import { previousCycleOrder, previousFromEntry, type PreviousCycle } from '../summary/previous';
import type { WorkbookPort } from '../workbook/port';
import { assessmentFrom, assessmentRequest } from '../workbook/reader';
import { ReadView } from '../workbook/view';

export interface Side {
  dato: string | null;
  kommune: string;
}

export interface Comparison {
  /** Why the order of the two cycles could not be checked (a blank Vurdering_Dato). */
  warning?: string;
  then: Side & { file: string; check: FileCheck };
  /** The previous cycle as the summary's "Sidste vurdering" column shows it. */
  previous: PreviousCycle;
  now: Side;
  samlet: { then: FormulaValue; now: FormulaValue };
  parameters: { navn: string; then: FormulaValue; now: FormulaValue }[];
  /** `andel`: a share (0,071 shown as 7,1 %). */
  indicators: { navn: string; andel: boolean; then: Entry['indicators'][string]; now: Entry['indicators'][string] }[];
}

export type Compared = { kind: 'compared'; comparison: Comparison } | { kind: 'refused'; check: FileCheck; message: string };

/** The open workbook's assessment (one read) against the previous cycle's file, as checked (in the pane's file-checking worker). */
export async function comparePrevious(port: WorkbookPort, then: FileCheck): Promise<Compared> {
  const view = new ReadView(await port.read({ ...assessmentRequest(), names: false }));
  const now = checkRead('Denne projektmappe', null, assessmentFrom(view));
  if (!then.entry) return { kind: 'refused', check: then, message: `${then.file} kan ikke sammenlignes: den er afvist.` };
  if (!now.entry) return { kind: 'refused', check: now, message: 'Denne projektmappe kan ikke sammenlignes endnu (se Tjek): vælg kommunen, og ret fejlene.' };
  const a = then.entry;
  const b = now.entry;
  const order = previousCycleOrder(then.file, a.dato, b.dato);
  if (!order.ok) return { kind: 'refused', check: then, message: order.message };
  return {
    kind: 'compared',
    comparison: {
      ...(order.warning ? { warning: order.warning } : {}),
      then: { file: then.file, check: then, dato: a.dato, kommune: a.kommune.navn },
      previous: previousFromEntry(then.file, a),
      now: { dato: b.dato, kommune: b.kommune.navn },
      samlet: { then: a.score.samlet, now: b.score.samlet },
      parameters: PARAMETERS.map((p, i) => ({ navn: p.navn, then: a.ratings[i] ?? '', now: b.ratings[i] ?? '' })),
      indicators: INDICATORS.map((ind) => ({ navn: ind.navn, andel: ind.enhed === 'andel', then: a.indicators[ind.id]!, now: b.indicators[ind.id]! })),
    },
  };
}
