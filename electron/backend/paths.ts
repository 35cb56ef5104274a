// The path policy: which files a caller may read or write.
// Browser mode answers anything that can reach 127.0.0.1, so it is confined to the workspace
// folder (relative names allowed; `..` and symlinks that lead out are refused; names Windows keeps
// for devices, hidden files and folders, and paths deeper than MAX_WORKSPACE_DEPTH folders are refused). Desktop mode trusts
// the user's own choices: absolute paths, and exports only where a save dialog pointed.
// In both modes an export is written only under exportPathProblem's rule.
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize, relative, resolve, sep } from 'node:path';
import { ApiError } from '../../shared/api/contract';
import { isNotFound } from './errors';

export const WORKFLOW_EXT = '.flowgate.json';

export function isWorkflowFileName(name: string): boolean {
  return name.toLowerCase().endsWith(WORKFLOW_EXT) && name.length > WORKFLOW_EXT.length;
}

/** How many folders below the workspace a browser-mode path may reach. */
export const MAX_WORKSPACE_DEPTH = 8;

// Device names Windows keeps in every folder, whatever the extension: "CON.flowgate.json" is the console.
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$) *(\..*)?$/i;
// Characters Windows refuses in names (":" would name an NTFS stream), and control characters.
// oxlint-disable-next-line no-control-regex
const UNUSABLE_CHARS = /[\u0000-\u001F\u007F<>:"|?*]/;

/** Why a path inside the workspace (relative to it) is refused in browser mode, or null when it is fine. */
export function workspacePathProblem(relativePath: string): string | null {
  const segments = relativePath.split(/[\\/]+/).filter(Boolean);
  if (segments.length - 1 > MAX_WORKSPACE_DEPTH) {
    return `"${relativePath.slice(0, 80)}…" is more than ${MAX_WORKSPACE_DEPTH} folders deep; keep workflows and exports closer to the workspace folder.`;
  }
  for (const segment of segments) {
    // Hidden files and folders (.git, .vscode…) belong to other programs.
    if (segment.startsWith('.')) return `Flowgate does not read or write hidden files or folders ("${segment}") in browser mode.`;
    if (WINDOWS_DEVICE.test(segment)) return `"${segment}" is a name Windows keeps for a device; pick another name.`;
    if (UNUSABLE_CHARS.test(segment)) return `"${segment}" holds a character file names cannot have (< > : " | ? * or a control character).`;
    // Windows drops a trailing dot or space, so "a." and "a" would be the same file there.
    if (/[. ]$/.test(segment)) return `"${segment}" ends in a dot or a space, which file names cannot do.`;
  }
  return null;
}

/** The file types Flowgate exports (`.form`: the Camunda forms written beside a `.bpmn`). */
export const EXPORT_EXTENSIONS = ['.md', '.html', '.svg', '.png', '.bpmn', '.form', '.json', '.pdf'] as const;

/** JSON files that make a program in the same folder run commands (npm scripts, Composer and Deno tasks…). */
const TOOL_CONFIG_NAMES = new Set(['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'composer.json', 'deno.json', 'project.json', 'tsconfig.json', 'jsconfig.json']);

/**
 * Why an export may not be written at `path`, or null when it may: the one rule of every export write
 * (file.writeText, the report's PDF, the engine exports), so that a browser-mode token holder or a
 * compromised renderer can write exports and nothing else. A workflow file is never an export: it is
 * saved by workflow.save, which validates it, checks for changes on disk and keeps a .bak. Dot-files
 * and dot-folders are refused at every level: neither `.git/config` (whose `core.fsmonitor` runs a
 * command on the next `git status`) nor `.vscode/…` can be written.
 *
 * `path` is the part of the path nobody vouched for: relative to the workspace in browser mode (every
 * folder is checked), the file name alone where the user picked the folder in a save dialog.
 */
export function exportPathProblem(path: string): string | null {
  const segments = path.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  const name = segments.at(-1);
  if (!name) return 'An export needs a file name.';
  const dotted = segments.find((s) => s.startsWith('.'));
  if (dotted) {
    return dotted === name
      ? `Flowgate does not write hidden files ("${name}"); name the export without a leading dot.`
      : `Flowgate does not write into hidden folders ("${dotted}").`;
  }
  const lower = name.toLowerCase();
  if (lower.endsWith(WORKFLOW_EXT)) return `"${name}" is a workflow file: workflows are saved with Save, which checks them and keeps a backup.`;
  // Windows drops trailing dots and spaces ("a.md." is "a.md") and reads a colon as a stream name.
  if (/[. ]$/.test(name) || name.includes(':')) return `"${name}" is not a usable file name.`;
  if (!EXPORT_EXTENSIONS.some((ext) => lower.endsWith(ext) && lower.length > ext.length)) {
    return `Flowgate only writes exports (${EXPORT_EXTENSIONS.join(', ')}); "${name}" is not one.`;
  }
  if (TOOL_CONFIG_NAMES.has(lower)) return `"${name}" configures other programs, so Flowgate does not write it; pick another name.`;
  return null;
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

  /** An export target (SVG, Markdown, JSON, PDF…), checked by exportPathProblem. */
  async exportPath(path: string): Promise<string> {
    const { abs, real } = await this.#locate(path);
    if (this.mode === 'desktop') {
      if (!this.#dialogPicks.has(abs)) throw refuse('Flowgate only writes exports to a place you picked in the save dialog.');
      // The folder is the user's choice in the dialog; the name must still be an export's.
      const problem = exportPathProblem(basename(abs));
      if (problem) throw refuse(problem);
      return abs;
    }
    // Both the path as given and where it really leads: a link named notes.md may point at .git/config.
    const problem = exportPathProblem(relative(resolve(this.workspaceDir), abs)) ?? exportPathProblem(real!);
    if (problem) throw refuse(problem);
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
    return (await this.#locate(path)).abs;
  }

  /** The absolute path, and in browser mode where it really leads, relative to the real workspace. */
  async #locate(path: string): Promise<{ abs: string; real: string | null }> {
    if (path.includes('\0')) throw refuse('The file name contains a null character.');
    if (this.mode === 'desktop') {
      if (!isAbsolute(path)) throw refuse(`"${path}" is not a full path.`);
      return { abs: normalize(path), real: null };
    }
    const root = resolve(this.workspaceDir);
    const abs = resolve(root, path);
    if (!isInside(root, abs)) throw refuse(`"${path}" is outside the workspace folder ${root}.`);
    const problem = workspacePathProblem(relative(root, abs));
    if (problem) throw refuse(problem);
    // The lexical check above is not enough: a symlink inside the workspace may point anywhere.
    const realRoot = await realpath(root).catch(() => root);
    const real = await realpathOfNearest(abs);
    if (!isInside(realRoot, real)) {
      throw refuse(`"${path}" leads outside the workspace folder ${root}.`);
    }
    return { abs, real: relative(realRoot, real) };
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
