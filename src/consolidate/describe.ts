/**
 * The overview workbook as a description (the same plain data the template's sheets are): the
 * file adapter writes it, the Office adapter can put it in the open workbook. With no file
 * accepted it holds the Filer sheet only.
 */
import type { RangeName, WorkbookSpec } from '../workbook/description';
import type { Consolidation } from './consolidate';
import { describeFiler } from './sheets/filer';
import { describeOversigt } from './sheets/oversigt';
import { describeSkala } from './sheets/skala';

/** `reader`: what checked the files (the program and the reader's version), shown beside each. */
export function describeOverview(c: Consolidation, reader: string): WorkbookSpec {
  if (c.rows.length === 0) return { sheets: [describeFiler(c, reader)], rangeNames: [] };
  const rangeNames: RangeName[] = [];
  return { sheets: [describeOversigt(c), describeFiler(c, reader), describeSkala(rangeNames)], rangeNames };
}
