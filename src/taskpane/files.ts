/** Files the user chose in a file picker, as bytes for the core (which never sees a File). */
import type { ImportedFile } from './statbank';

export async function readChosenFiles(list: FileList | null): Promise<ImportedFile[]> {
  return Promise.all(Array.from(list ?? ([] as ArrayLike<File>)).map(async (f: File) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}
