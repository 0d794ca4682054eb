/** The four-level scale every parameter is rated on (report: "Tildeling af score"). */
export const SCALE = [
  { value: 1, label: 'Slet ikke' },
  { value: 2, label: 'I mindre grad' },
  { value: 3, label: 'I nogen grad' },
  { value: 4, label: 'I høj grad' },
] as const;

export type Rating = (typeof SCALE)[number]['value'];
export const SCALE_MIN = SCALE[0].value;
export const SCALE_MAX = SCALE[SCALE.length - 1]!.value;
export const SCALE_LABELS: readonly string[] = SCALE.map((s) => s.label);
