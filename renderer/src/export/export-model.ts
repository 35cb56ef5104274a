// What the export dialog decides without drawing anything: the targets and their default options,
// the file name, and why Export is not possible yet. Pure, so it is tested without a browser.
import { EXPORT_TARGETS } from '../../../shared/interchange/targets';
import type { ExportTarget } from '../../../shared/interchange/types';
import type { Result } from '../../../shared/api/contract';
import { safeFileName } from '../app/files';

export type Preview = Result<'export.preview'>;

/** The target with this id, else the first one there is. */
export function targetById(id: string): ExportTarget {
  return EXPORT_TARGETS.find((t) => t.id === id) ?? EXPORT_TARGETS[0];
}

/** Each option of a target at its default. */
export function defaultOptions(target: ExportTarget): Record<string, string> {
  return Object.fromEntries((target.options ?? []).map((o) => [o.id, o.default]));
}

/** "Support ticket triage" → "Support ticket triage"; a typed extension of the target's kind is dropped. */
export function exportBaseName(name: string, target: ExportTarget): string {
  const ext = target.extension.replace('.', '\\.');
  return safeFileName(name.replace(new RegExp(`${ext}$`, 'i'), ''));
}

/** Why the export cannot be written now, in plain words; empty when it can. */
export function blockers(preview: Preview | null, force: boolean, fileName: string | null): string[] {
  const out: string[] = [];
  if (!preview) return ['The export is being prepared.'];
  if (preview.problem) out.push('The workflow cannot be expressed in this format.');
  if (preview.check?.errors.length) out.push("The engine's own check refuses the export.");
  if (preview.analysisErrors.length && !force) out.push('The analysis finds errors: fix them, or tick “Export anyway”.');
  if (fileName !== null && !fileName.trim()) out.push('Give the file a name.');
  return out;
}

/** "12.3 KB" */
export function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
