// File-name helpers for Save As and exports.

export const WORKFLOW_EXT = '.flowgate.json';

/** The name a new workflow starts with (blankWorkflow's default), and what a nameless one is called. */
export const UNTITLED = 'Untitled workflow';

/** Whether a workflow still has no name of its own: empty, or the default a new workflow gets. */
export function isDefaultName(name: string): boolean {
  const trimmed = name.trim();
  return trimmed === '' || trimmed === UNTITLED;
}

/** "Refund triage.flowgate.json" → "Refund triage" (also for ".json"); "" when nothing is left. */
export function nameFromFileName(fileName: string): string {
  return fileName.replace(/\.flowgate\.json$/i, '').replace(/\.json$/i, '').trim();
}

/** A file name from a workflow name: no path separators or characters that file systems refuse. */
export function safeFileName(name: string, fallback = 'workflow'): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, 120)
    .trim();
  return cleaned || fallback;
}

/** "Support triage" → "Support triage.flowgate.json"; keeps an extension the user typed. */
export function workflowFileName(name: string): string {
  const base = safeFileName(name.replace(/\.flowgate\.json$/i, '').replace(/\.json$/i, ''));
  return `${base}${WORKFLOW_EXT}`;
}

/** Joins a folder and a file name with the folder's own separator (Windows or POSIX). */
export function joinPath(dir: string, file: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(sep) ? `${dir}${file}` : `${dir}${sep}${file}`;
}

export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
