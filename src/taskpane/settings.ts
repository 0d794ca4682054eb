/**
 * The pane's settings, kept in the browser's storage for the add-in's origin (per user and
 * machine). A setting that cannot be stored (storage off) lasts until the pane closes.
 */

/** The address of StatBank's API, as the user typed it ('' for the public API). */
export const STATBANK_URL_KEY = 'parathed.statbankUrl';

/** '1': "Nye tal?" asks Statistics Denmark as soon as a workbook opens; otherwise only on the Tal screen. */
export const NEWER_ON_OPEN_KEY = 'parathed.newerOnOpen';

const memory = new Map<string, string>();

export function loadSetting(key: string): string {
  try {
    return window.localStorage.getItem(key) ?? memory.get(key) ?? '';
  } catch {
    return memory.get(key) ?? '';
  }
}

export function saveSetting(key: string, value: string): void {
  memory.set(key, value);
  try {
    if (value) window.localStorage.setItem(key, value);
    else window.localStorage.removeItem(key);
  } catch {
    // Storage off: kept in memory for this session.
  }
}
