// The command table: what each command of shared/api/commands.ts (native menus, the toolbar, key
// handling) does in this app, and whether it can run now.
import { commandAvailable, type CommandId } from '../../../shared/api/commands';

/** Commands that make sense only with a workflow open. */
const NEEDS_DOCUMENT = new Set<CommandId>([
  'file.save', 'file.saveAs', 'file.export', 'file.compareLog', 'file.exportSvg', 'file.exportPng', 'file.home',
  'file.exportReportHtml', 'file.exportReportMarkdown', 'file.exportReportPdf', 'file.exportBpmn', 'file.exportN8n', 'view.readiness',
  'edit.undo', 'edit.redo', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.duplicate', 'edit.delete', 'edit.selectAll',
  'edit.addNext', 'edit.addNote', 'edit.quickFind',
  'view.fit', 'view.layout', 'view.layoutSimple', 'view.run',
]);

export interface CommandTable {
  /** Whether a command can run now: a document is open if it needs one, and this shell has it (PDF: desktop only). */
  enabled(id: CommandId): boolean;
  /** Runs a command when it is enabled; a failure becomes an error toast. */
  run(id: CommandId): Promise<void>;
}

export function createCommandTable(
  handlers: Record<CommandId, () => unknown>,
  context: { hasDocument(): boolean; isDesktop(): boolean; reportError(what: string, e: unknown): void },
): CommandTable {
  const enabled = (id: CommandId) => (!NEEDS_DOCUMENT.has(id) || context.hasDocument()) && commandAvailable(id, context.isDesktop());
  return {
    enabled,
    async run(id) {
      if (!enabled(id)) return;
      try {
        await handlers[id]();
      } catch (e) {
        context.reportError('Something went wrong', e);
      }
    },
  };
}
