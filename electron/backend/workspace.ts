// workspace.list: the workflow files in the workspace folder, newest first, with the names users gave them.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MAX_FILE_BYTES } from '../../shared/model/load';
import { isNotFound } from './errors';
import { WORKFLOW_EXT, isWorkflowFileName, workspacePathProblem } from './paths';

export interface WorkspaceEntry {
  path: string;
  name: string;
  mtimeMs: number;
}

export async function listWorkspace(dir: string): Promise<WorkspaceEntry[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
  const out: WorkspaceEntry[] = [];
  // Only plain files: a symlink could lead outside the workspace, which browser mode refuses anyway.
  for (const entry of entries) {
    // Names the path policy refuses (hidden, reserved by Windows…) could not be opened: not listed either.
    if (!entry.isFile() || !isWorkflowFileName(entry.name) || workspacePathProblem(entry.name)) continue;
    const path = join(dir, entry.name);
    try {
      const info = await stat(path);
      out.push({ path, name: await displayName(path, entry.name, info.size), mtimeMs: info.mtimeMs });
    } catch {
      // Deleted between readdir and stat: simply not listed.
    }
  }
  return out.sort((a, b) => b.mtimeMs - a.mtimeMs || a.name.localeCompare(b.name));
}

/** The document's `name` when the file is readable JSON, else the file name without its extension. */
async function displayName(path: string, fileName: string, size: number): Promise<string> {
  const fallback = fileName.slice(0, -WORKFLOW_EXT.length);
  if (size > MAX_FILE_BYTES) return fallback;
  try {
    const doc: unknown = JSON.parse(await readFile(path, 'utf8'));
    const name = doc && typeof doc === 'object' ? (doc as { name?: unknown }).name : undefined;
    return typeof name === 'string' && name.trim() ? name : fallback;
  } catch {
    return fallback;
  }
}
