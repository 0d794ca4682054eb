/**
 * An `isSetSupported` for a host that has ExcelApi up to `version` and no other requirement set:
 * versions compared part by part as numbers, as the fake host compares them (so 1.10 is after
 * 1.9, and 2.0 after both).
 */
import { compareVersions } from '../fake-excel/fake-excel';

export const upTo =
  (version: string) =>
  (name: string, v: string): boolean =>
    name === 'ExcelApi' && compareVersions(v, version) <= 0;
