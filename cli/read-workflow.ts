// Reads a workflow file for a command; on failure writes a message naming the file and the JSON
// path on stderr and returns null, so each command decides its own exit code. An n8n workflow file
// is recognised and read through the n8n import, so lint, report and the others work on it too.
import { readFileSync, statSync } from 'node:fs';
import { importN8nValue } from '../shared/interchange/n8n/import-text';
import { looksLikeN8n } from '../shared/interchange/n8n/read-n8n';
import { MAX_FILE_BYTES, WorkflowLoadError, loadWorkflow, parseJson } from '../shared/model/load';
import type { Workflow } from '../shared/model/schema';
import { terminalText } from './terminal-text';
import type { CliIo } from './types';

export interface ReadWorkflow {
  workflow: Workflow;
  /** How messages name it: the file, plus the workflow's name when an n8n file holds several. */
  shown: string;
  /** Set when the file is an n8n workflow converted on the way in. */
  fromN8n?: { notes: string[] };
}

function readText(path: string, shown: string, io: Pick<CliIo, 'stderr'>): string | null {
  try {
    if (statSync(path).size > MAX_FILE_BYTES) {
      io.stderr.write(`${shown}: cannot read: the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB\n`);
      return null;
    }
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : terminalText((e as Error).message);
    io.stderr.write(`${shown}: cannot read: ${reason}\n`);
    return null;
  }
}

/** Every workflow in a file: one for a Flowgate file, one per workflow for an n8n file. Null when unreadable. */
export function readWorkflows(path: string, name: string, io: Pick<CliIo, 'stderr'>): ReadWorkflow[] | null {
  const shown = terminalText(name);
  const text = readText(path, shown, io);
  if (text === null) return null;
  try {
    return [{ workflow: loadWorkflow(text).workflow, shown }];
  } catch (e) {
    // Not a Flowgate document: it may be an n8n workflow, read through the n8n import.
    if (!(e instanceof WorkflowLoadError) || e.code !== 'not-workflow') {
      io.stderr.write(`${shown}: not a valid workflow: ${terminalText((e as Error).message)}\n`);
      return null;
    }
    const value = parseJson(text);
    if (!looksLikeN8n(value)) {
      io.stderr.write(`${shown}: not a valid workflow: ${terminalText((e as Error).message)}\n`);
      return null;
    }
    try {
      const list = importN8nValue(value);
      return list.map((w, i) => ({
        workflow: w.workflow,
        shown: list.length > 1 ? `${shown}#${i + 1} (${terminalText(w.sourceName)})` : shown,
        fromN8n: { notes: w.notes },
      }));
    } catch (n8nError) {
      io.stderr.write(`${shown}: not a readable n8n workflow: ${terminalText((n8nError as Error).message)}\n`);
      return null;
    }
  }
}

/** One workflow; an n8n file holding several is refused with a way out. */
export function readWorkflow(path: string, name: string, io: Pick<CliIo, 'stderr'>): Workflow | null {
  const shown = terminalText(name);
  const list = readWorkflows(path, name, io);
  if (!list) return null;
  if (list.length > 1) {
    io.stderr.write(`${shown}: holds ${list.length} n8n workflows; this command takes one. Split them with "flowgate import ${shown}" and name one of the files it writes.\n`);
    return null;
  }
  return list[0].workflow;
}
