/**
 * Reading an assessment through the selective reader: the whole check `validate` makes (the
 * template's formulas on every sheet that has any), or the consolidation's (the sheets that hold
 * named cells only: the Data sheet's figures of all municipalities are not what it compares).
 */
import { assessmentFrom, assessmentRequest, type ReadResult } from '../workbook/reader';
import type { ReadRequest } from '../workbook/port';
import { sniff } from '../workbook/limits';
import { ReadView } from '../workbook/view';
import { occupantOf, type Occupant } from './occupant';
import { SelectiveWorkbook } from './selective-workbook';

/** The sheets the assessment reader reads ranges of (the sheets with the template's formulas). */
const formulaSheets = (request: ReadRequest) => new Set((request.ranges ?? []).map((r) => r.sheet));

/** A workbook's assessment, validated with every problem, as `validate` reports it. */
export async function readSelectively(data: Uint8Array): Promise<ReadResult> {
  const request = assessmentRequest();
  const sheets = formulaSheets(request);
  const opened = SelectiveWorkbook.open(data, (s) => sheets.has(s));
  if ('problem' in opened) return { cells: new Map(), problems: [{ message: opened.problem }] };
  return assessmentFrom(new ReadView(await opened.workbook.read(request)));
}

/**
 * A workbook's assessment read from the sheets that hold its named cells only, with the formulas
 * on those sheets checked (the score's, the shares', the labels'); `unread` as SelectiveWorkbook.open.
 */
export async function readNamedSheets(data: Uint8Array, unread: 'check' | 'skip' = 'check'): Promise<ReadResult> {
  const request = assessmentRequest();
  // Only the cells this read asks for are kept.
  const opened = SelectiveWorkbook.open(data, () => false, unread, request);
  if ('problem' in opened) return { cells: new Map(), problems: [{ message: opened.problem }] };
  const wb = opened.workbook;
  const view = new ReadView(await wb.read({ ...request, ranges: (request.ranges ?? []).filter((r) => wb.hasRead(r.sheet)) }));
  return assessmentFrom(view, (sheet) => wb.hasRead(sheet));
}

/**
 * What a workbook file holds, for deciding whether an output may replace it (occupantOf): read as
 * the consolidation reads a file (the sheets with named cells only, the rest never unpacked).
 */
export async function readOccupant(data: Uint8Array): Promise<Occupant> {
  const request = assessmentRequest();
  const opened = SelectiveWorkbook.open(data, () => false, 'skip', request);
  if ('problem' in opened) return sniff(data) === 'other' ? { kind: 'notWorkbook' } : { kind: 'unreadable', problem: opened.problem };
  const wb = opened.workbook;
  const view = new ReadView(await wb.read({ ...request, ranges: (request.ranges ?? []).filter((r) => wb.hasRead(r.sheet)) }));
  return occupantOf(view, assessmentFrom(view, (sheet) => wb.hasRead(sheet)));
}
