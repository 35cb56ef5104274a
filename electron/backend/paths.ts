// The path policy: which files a caller may read or write.
// Browser mode answers anything that can reach 127.0.0.1, so it is confined to the workspace
// folder (relative names allowed; `..` and symlinks that lead out are refused). Desktop mode
// trusts the user's own choices: absolute paths, and exports only where a save dialog pointed.
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../shared/api/contract';
import { isNotFound } from './errors';

export const WORKFLOW_EXT = '.flowgate.json';

export function isWorkflowFileName(name: string): boolean {
  return name.toLowerCase().endsWith(WORKFLOW_EXT) && name.length > WORKFLOW_EXT.length;
}

/** True when `child` lies strictly below `root` (both absolute and normalised). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

function refuse(message: string): ApiError {
  return new ApiError('bad-request', message, '$.path');
}

export class PathPolicy {
  /** Export targets the user picked in a native save dialog during this session (desktop). */
  readonly #dialogPicks = new Set<string>();

  constructor(
    readonly mode: 'desktop' | 'browser',
    readonly workspaceDir: string,
  ) {}

  /** A workflow file to open or save: checked against the mode, returned absolute. */
  async workflowPath(path: string): Promise<string> {
    const abs = await this.#resolve(path);
    if (!isWorkflowFileName(basename(abs))) {
      throw refuse(`Workflow files end with "${WORKFLOW_EXT}"; "${basename(abs)}" does not.`);
    }
    return abs;
  }

  /** A text export target (SVG, Markdown, JSON…). */
  async exportPath(path: string): Promise<string> {
    const abs = await this.#resolve(path);
    if (this.mode === 'desktop' && !this.#dialogPicks.has(abs)) {
      throw refuse('Flowgate only writes exports to a place you picked in the save dialog.');
    }
    return abs;
  }

  /** Records a path returned by the native save dialog, so an export may be written there. */
  allowDialogPick(path: string): void {
    this.#dialogPicks.add(normalize(path));
  }

  /**
   * The absolute path a caller means, without any checks and without waiting: saves queue on it
   * the moment they are called, so call order is write order even when checks take varying time.
   */
  lockKey(path: string): string {
    return this.mode === 'desktop' ? normalize(path) : resolve(this.workspaceDir, path);
  }

  /** Whether a stored path (a recent file) is still reachable under this policy. */
  async allows(path: string): Promise<boolean> {
    try {
      await this.workflowPath(path);
      return true;
    } catch {
      return false;
    }
  }

  async #resolve(path: string): Promise<string> {
    if (path.includes('\0')) throw refuse('The file name contains a null character.');
    if (this.mode === 'desktop') {
      if (!isAbsolute(path)) throw refuse(`"${path}" is not a full path.`);
      return normalize(path);
    }
    const root = resolve(this.workspaceDir);
    const abs = resolve(root, path);
    if (!isInside(root, abs)) throw refuse(`"${path}" is outside the workspace folder ${root}.`);
    // The lexical check above is not enough: a symlink inside the workspace may point anywhere.
    const realRoot = await realpath(root).catch(() => root);
    if (!isInside(realRoot, await realpathOfNearest(abs))) {
      throw refuse(`"${path}" leads outside the workspace folder ${root}.`);
    }
    return abs;
  }
}

/** Real path of `abs`, or of its nearest existing ancestor plus the missing rest (for new files). */
async function realpathOfNearest(abs: string): Promise<string> {
  const missing: string[] = [];
  let current = abs;
  for (;;) {
    try {
      return join(await realpath(current), ...missing.reverse());
    } catch (e) {
      const parent = dirname(current);
      // A file that does not exist yet (or a dangling symlink, which a write replaces): judge it by its folder.
      if (!isNotFound(e) || parent === current) throw refuse(`Could not check where "${abs}" leads.`);
      missing.push(basename(current));
      current = parent;
    }
  }
}
