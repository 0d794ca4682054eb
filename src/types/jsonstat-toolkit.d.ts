// The parts of jsonstat-toolkit (which ships no types) that parathed uses.
declare module 'jsonstat-toolkit' {
  interface JSONstatCategory {
    label: string | null;
  }
  interface JSONstatDimension {
    id: string[];
    label: string | null;
    role: string | null;
    Category(id: string | number): JSONstatCategory | null;
  }
  interface JSONstatDataset {
    class: 'dataset';
    id: string[];
    size: number[];
    n: number;
    label: string | null;
    role: { time: string[] | null; metric: string[] | null; geo: string[] | null; classification: string[] | null } | null;
    Dimension(id: string | number): JSONstatDimension | null;
    Data(coords: Record<string, string> | number, status?: boolean): { value: number | null; status: string | null } | null;
  }
  interface JSONstatBundle {
    class: 'bundle' | 'dataset' | 'collection';
    length: number;
    error?: unknown;
    Dataset(index: number): JSONstatDataset | null;
  }
  function JSONstat(input: unknown): JSONstatBundle & Partial<JSONstatDataset>;
  export = JSONstat;
}
