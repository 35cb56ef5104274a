// Writes an export's files: the ones beside the main file first, so that a main file on disk always
// has its companions, each atomically (temp file + rename). The paths are checked by the caller.
import type { ExportedFile } from '../../../shared/interchange/types';
import { atomicWriteUnlocked, realFs, type AtomicFs } from '../atomic-write';
import { pathLock } from '../path-lock';

export interface PlannedFile {
  file: ExportedFile;
  path: string;
}

export async function writeExportFiles(main: PlannedFile, beside: readonly PlannedFile[], fs: AtomicFs = realFs): Promise<void> {
  for (const f of [...beside, main]) await pathLock.run(f.path, () => atomicWriteUnlocked(f.path, f.file.content, { fs }));
}
