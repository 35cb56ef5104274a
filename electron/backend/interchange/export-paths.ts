// Where an export's files may go. The main file goes where the user chose: in the desktop app only a
// place picked in the save dialog, in browser mode only inside the workspace (the path policy of
// paths.ts decides both). The files beside it take the names the exporter gave them, in the same
// folder, and must be plain file names. Kept in one function so the rules for writes stay in one place.
import { basename, dirname, join } from 'node:path';
import { ApiError } from '../../../shared/api/contract';
import type { PathPolicy } from '../paths';

export interface ExportPaths {
  main: string;
  beside: string[];
}

function refuse(message: string): ApiError {
  return new ApiError('bad-request', message, '$.path');
}

/** A name the exporter may give a file beside the main one: no folders, no hidden or special names. */
function isPlainFileName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[\\/:\0]/.test(name) && !name.startsWith('.') && name === basename(name);
}

export async function exportFilePaths(policy: PathPolicy, mainPath: string, extension: string, besideNames: readonly string[]): Promise<ExportPaths> {
  const main = await policy.exportPath(mainPath);
  const name = basename(main);
  if (!name.toLowerCase().endsWith(extension.toLowerCase()) || name.length <= extension.length || name.startsWith('.')) {
    throw refuse(`An export to this engine is a "${extension}" file; "${name}" is not.`);
  }
  const folder = dirname(main);
  const beside: string[] = [];
  for (const n of besideNames) {
    if (!isPlainFileName(n)) throw refuse(`"${n}" is not a file name Flowgate writes beside an export.`);
    const path = join(folder, n);
    // Browser mode checks each file against the workspace (a symlink in it may lead elsewhere);
    // in the desktop app the folder is the one the user picked for the main file.
    beside.push(policy.mode === 'browser' ? await policy.exportPath(path) : path);
  }
  return { main, beside };
}
