// File actions: New, Open, Close, Save, Save As, autosave, Import and Export. A document is shown
// through show(); unsaved changes are asked about first (guardUnsaved); writes go one at a time.
import { ApiError } from '../../../shared/api/contract';
import { displayText } from '../../../shared/model/display-text';
import { blankWorkflow, setProperties } from '../../../shared/model/edits/workflow';
import { readImportText, type ImportRead } from '../../../shared/interchange/read-import';
import { importProblem } from '../../../shared/interchange/import-problem';
import { serializeWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { errorText } from '../../../shared/text';
import { diagramForExport } from '../canvas/exportImage';
import { createAutosave, type Autosave } from '../store/autosave';
import type { ActionDeps } from './action-deps';
import { baseName, isDefaultName, joinPath, nameFromFileName, safeFileName, UNTITLED, WORKFLOW_EXT, workflowFileName } from './files';
import type { Journal } from './journal';
import type { RecentFiles } from './recent';

export interface FileActionDeps extends ActionDeps {
  journal: Journal;
  recent: RecentFiles;
  autosaveMs?: number;
}

export type FileActions = ReturnType<typeof createFileActions>;

export function createFileActions(deps: FileActionDeps) {
  const { api, platform, doc, session, ui, analysis, journal, recent, reportError } = deps;

  // ---- opening and closing documents ----

  /** `restoredKey`: a crash-recovery entry shown as unsaved, whose journal key this session takes over. */
  function show(workflow: Workflow | null, path: string | null, mtimeMs: number | null, restoredKey?: string) {
    autosave.cancel();
    // What was shown before was saved or dropped (the unsaved-changes question came first).
    journal.leave(restoredKey);
    doc.load(workflow);
    // A document shows its findings from the first frame, not after the edit debounce (a large one
    // as soon as the analysis in the background answers).
    analysis.opened();
    session.opened(workflow, path, mtimeMs, restoredKey !== undefined);
    ui.clearSelection();
    ui.setTab('properties');
    platform.rememberPath(path);
  }

  /** Asks what to do with unsaved changes before `action`; true when it may go ahead. */
  async function guardUnsaved(action: string): Promise<boolean> {
    const wf = doc.workflow;
    if (!wf || !session.state.dirty) return true;
    const choice = await ui.ask({ kind: 'unsaved', name: displayText(wf.name, 80, 'Untitled workflow'), action });
    if (choice === 'cancel') return false;
    if (choice === 'discard') return true;
    return save();
  }

  async function newBlank() {
    if (!(await guardUnsaved('create a new workflow'))) return;
    show(blankWorkflow(platform.randomId()), null, null);
  }

  async function newFromTemplate(id: string) {
    if (!(await guardUnsaved('create a new workflow'))) return;
    try {
      const template = await api['templates.get']({ id });
      show({ ...template, id: platform.randomId() }, null, null);
    } catch (e) {
      reportError('Could not load the template', e);
    }
  }

  async function openPath(path: string, alreadyAsked = false) {
    if (!alreadyAsked && !(await guardUnsaved('open another workflow'))) return false;
    try {
      const opened = await api['workflow.open']({ path });
      show(opened.document, opened.path, opened.mtimeMs);
      for (const w of opened.warnings) ui.toast('warn', w);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'invalid-workflow') {
        await ui.ask({ kind: 'importError', fileName: baseName(path), ...openProblem(e.message, e.path ?? '$') });
      } else if (!(e instanceof ApiError && e.code === 'not-found' && (await recent.offerRemoval(path)))) {
        reportError(`Could not open ${baseName(path)}`, e);
      }
      return false;
    }
  }

  async function openCommand() {
    if (!(await guardUnsaved('open another workflow'))) return;
    let path: string | null;
    try {
      path = deps.info()?.nativeDialogs ? (await api['dialog.openFile']({})).path : await ui.ask({ kind: 'open' });
    } catch (e) {
      reportError('Could not show the file chooser', e);
      return;
    }
    if (path) await openPath(path, true);
  }

  async function closeToHome() {
    if (!(await guardUnsaved('close it'))) return;
    show(null, null, null);
  }

  // ---- saving ----

  // One write at a time: a save started while another is on its way (Ctrl+S during an autosave)
  // must send the mtime that write produced, or the backend calls our own write a conflict.
  let writing: Promise<unknown> = Promise.resolve();

  /** Writes the current document; handles a conflict by asking. True when it ended up saved. */
  async function writeTo(path: string, how: { overwrite?: boolean; auto?: boolean } = {}): Promise<boolean> {
    const wf = doc.workflow;
    if (!wf) return false;
    session.setStatus('saving');
    try {
      const write = writing.then(async () => {
        const samePath = path === session.state.path;
        const result = await api['workflow.save']({
          path,
          document: wf,
          expectedMtimeMs: samePath ? session.state.mtimeMs : null,
          ...(how.overwrite ? { overwrite: true } : {}),
        });
        session.saved(wf, result.path, result.mtimeMs);
        return result;
      });
      writing = write.catch(() => {});
      const result = await write;
      journal.saved();
      platform.rememberPath(result.path);
      if (!how.auto) ui.toast('ok', `Saved ${baseName(result.path)}`);
      if (session.state.dirty) autosave.changed();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'conflict') {
        session.setStatus('idle');
        return resolveConflict(path);
      }
      session.setStatus('error', errorText(e));
      reportError(how.auto ? 'Autosave failed' : 'Could not save', e);
      return false;
    }
  }

  async function resolveConflict(path: string): Promise<boolean> {
    session.setConflict(true);
    autosave.cancel();
    const choice = await ui.ask({ kind: 'conflict', path });
    if (choice === 'overwrite') return writeTo(path, { overwrite: true });
    if (choice === 'reopen') return openPath(path, true);
    return false;
  }

  async function save(): Promise<boolean> {
    if (!doc.workflow) return false;
    const path = session.state.path;
    return path ? writeTo(path) : saveAs();
  }

  async function saveAs(): Promise<boolean> {
    const wf = doc.workflow;
    if (!wf) return false;
    const info = deps.info();
    try {
      let path: string | null;
      if (info?.nativeDialogs) {
        path = (await api['dialog.saveFile']({ suggestedName: workflowFileName(wf.name || UNTITLED), kind: 'workflow' })).path;
      } else {
        const name = await ui.ask({ kind: 'saveAs', suggested: safeFileName(wf.name || UNTITLED) });
        path = name ? joinPath(info?.workspaceDir ?? '.', workflowFileName(name)) : null;
      }
      if (!path) return false;
      nameAfterFile(path);
      return writeTo(path, { overwrite: true });
    } catch (e) {
      reportError('Could not save', e);
      return false;
    }
  }

  /**
   * A workflow still called "Untitled workflow" takes the name of the file it is first saved as, so
   * the title and the recent list say what the user typed. One undo step, before the write.
   */
  function nameAfterFile(path: string) {
    const wf = doc.workflow;
    const name = nameFromFileName(baseName(path));
    if (wf && isDefaultName(wf.name) && name) doc.commit(setProperties(wf, { name }));
  }

  const autosave: Autosave = createAutosave({
    delayMs: deps.autosaveMs,
    eligible: () => {
      const s = session.state;
      return !!s.path && s.dirty && !s.conflict && !doc.dragging;
    },
    save: async () => {
      const path = session.state.path;
      if (path) await writeTo(path, { auto: true });
    },
    onPending: (pending) => {
      const status = session.state.status;
      if (pending && status !== 'saving') session.setStatus('pending');
      else if (!pending && status === 'pending') session.setStatus('idle');
    },
  });
  doc.store.subscribe((s, prev) => {
    if (s.workflow !== prev.workflow && !doc.dragging) autosave.changed();
  });

  // ---- import and export ----

  /** Validates a file's text; a refused file leaves what is open untouched. */
  async function importText(fileName: string, text: string) {
    let loaded: ImportRead;
    try {
      loaded = readImportText(text); // a Flowgate file, or an n8n workflow converted on the way in
    } catch (e) {
      await ui.ask({ kind: 'importError', fileName, ...importProblem(text, e) });
      return false;
    }
    if (!(await guardUnsaved('import another workflow'))) return false;
    show(loaded.workflow, null, null);
    ui.toast('ok', `Imported ${loaded.source === 'n8n' ? 'the n8n workflow ' : ''}${fileName}. It is not saved yet: use Save As to keep it in your workflows.`);
    for (const w of loaded.warnings) ui.toast('warn', w);
    return true;
  }

  function exportName(ext: string) {
    return `${safeFileName(doc.workflow?.name || 'workflow')}${ext}`;
  }

  async function exportText(ext: string, kind: 'json' | 'svg', mime: string, content: string) {
    const fileName = exportName(ext);
    if (deps.info()?.nativeDialogs) {
      const { path } = await api['dialog.saveFile']({ suggestedName: fileName, kind });
      if (!path) return;
      // A workflow file is written by workflow.save, which validates it and keeps a .bak; file.writeText refuses it.
      const wf = doc.workflow;
      if (kind === 'json' && wf && path.toLowerCase().endsWith(WORKFLOW_EXT)) await api['workflow.save']({ path, document: wf });
      else await api['file.writeText']({ path, content });
      ui.toast('ok', `Exported ${baseName(path)}`);
    } else {
      platform.download(fileName, mime, content);
    }
  }

  async function exportJson() {
    const wf = doc.workflow;
    if (!wf) return;
    try {
      await exportText(WORKFLOW_EXT, 'json', 'application/json', serializeWorkflow(wf));
    } catch (e) {
      reportError('Could not export the workflow', e);
    }
  }

  async function exportImage(kind: 'svg' | 'png') {
    const wf = doc.workflow;
    if (!wf) return;
    try {
      // Badges as the canvas shows them: the analysis of this very document.
      deps.analysis.flush();
      const svg = diagramForExport(wf, deps.analysis.state.result.findings);
      // PNG is binary and file.writeText carries text, so PNG is always offered as a download
      // (Electron shows its own save dialog for downloads).
      if (kind === 'png') platform.download(exportName('.png'), 'image/png', await platform.rasterise(svg));
      else await exportText('.svg', 'svg', 'image/svg+xml', svg);
    } catch (e) {
      reportError(`Could not export the diagram as ${kind.toUpperCase()}`, e);
    }
  }

  return {
    show,
    guardUnsaved,
    newBlank,
    newFromTemplate,
    openPath,
    openCommand,
    closeToHome,
    writeTo,
    save,
    saveAs,
    autosave,
    importText,
    exportJson,
    exportImage,
  };
}

/** The load error's message without the path prefix (the dialog shows the path on its own line). */
/**
 * The backend's refusal of a file to open, as the import dialog shows it: a file that is not a workflow
 * is already explained in a sentence (explainOpenError); a workflow with a mistake gets one here.
 */
function openProblem(message: string, path: string): { lead: string; detail: string | null; path: string } {
  if (path === '$' || !message.startsWith(`${path}: `)) return { lead: message, detail: null, path };
  return { lead: 'This is a Flowgate workflow, but part of it is not valid, so it cannot be opened.', detail: message.slice(path.length + 2), path };
}
