// Reads a workflow file for a command; on failure writes a message naming the file and the JSON
// path on stderr and returns null, so each command decides its own exit code.
import { readFileSync, statSync } from 'node:fs';
import { MAX_FILE_BYTES, loadWorkflow } from '../shared/model/load';
import type { Workflow } from '../shared/model/schema';
import { terminalText } from './terminal-text';
import type { CliIo } from './types';

export function readWorkflow(path: string, name: string, io: Pick<CliIo, 'stderr'>): Workflow | null {
  const shown = terminalText(name);
  let text: string;
  try {
    if (statSync(path).size > MAX_FILE_BYTES) {
      io.stderr.write(`${shown}: cannot read: the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB\n`);
      return null;
    }
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : terminalText((e as Error).message);
    io.stderr.write(`${shown}: cannot read: ${reason}\n`);
    return null;
  }
  try {
    return loadWorkflow(text).workflow;
  } catch (e) {
    io.stderr.write(`${shown}: not a valid workflow: ${terminalText((e as Error).message)}\n`);
    return null;
  }
}
