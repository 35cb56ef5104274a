// The app's actions: what New, Open, Save, Import, Export, Undo, Paste… do. Everything that needs
// the backend or more than one store lives here, with the platform (DOM, downloads, the canvas)
// passed in, so the logic runs in tests without a browser.
import { ApiError, type Api, type Result } from '../../../shared/api/contract';
import { commandAvailable, type CommandId } from '../../../shared/api/commands';
import { addNode, connect, moveNodes, removeElements } from '../../../shared/model/edits/graph';
import { blankWorkflow, setProperties } from '../../../shared/model/edits/workflow';
import { extractFragment, pasteFragment, type Fragment } from '../../../shared/model/edits/fragments';
import type { ConnectionRequest } from '../../../shared/model/connect';
import { loadWorkflow, serializeWorkflow, WorkflowLoadError } from '../../../shared/model/load';
import { displayText } from '../../../shared/model/display-text';
import type { NodeKind, Workflow } from '../../../shared/model/schema';
import type { Finding } from '../../../shared/analysis/types';
import { applyFix as applyFixTo } from '../../../shared/analysis/fixes';
import { targetOf } from '../analysis/problems';
import { createAnalysisStore } from '../store/analysis';
import { createAutosave, type Autosave } from '../store/autosave';
import { createFileWatch } from './file-watch';
import { createJournal } from './journal';
import { createRecentFiles } from './recent';
import { createRecovery, type JournalEntry } from './recovery';
import { createClipboard, fragmentFromText } from '../store/clipboard';
import { createDocumentStore } from '../store/document';
import { createSessionStore } from '../store/session';
import { toggledTheme, type Theme } from '../store/theme';
import { createUiStore } from '../store/ui';
import { createSimulation } from '../simulation/store';
import { createBatchStore } from '../batch/store';
import { fixPlan, focusWhenShown, showFix } from '../readiness/fix-targets';
import { createReportActions } from '../readiness/report-export';
import { autoLayout } from './layout';
import { baseName, isDefaultName, joinPath, nameFromFileName, safeFileName, UNTITLED, WORKFLOW_EXT, workflowFileName } from './files';

export type AppInfo = Result<'app.info'>;

/** What the mounted canvas offers the actions (null while no canvas is shown). */
export interface CanvasHandle {
  /** Centre of the visible area, in flow coordinates. */
  centre(): { x: number; y: number };
  fitView(): void;
  /** Measured sizes of the nodes, for auto-layout. */
  sizes(): ReadonlyMap<string, { width: number; height: number }>;
  /** The diagram as an SVG document (text) or a PNG data URL. */
  renderImage(kind: 'svg' | 'png'): Promise<string>;
  /** Scrolls a step or a link into the middle of the view. */
  reveal(target: { nodeId: string } | { edgeId: string }): void;
}

/** What the actions need from the surroundings; the browser supplies these, tests fake them. */
export interface Platform {
  randomId(): string;
  /** Offers a file for download (browser mode exports; PNG everywhere). */
  download(fileName: string, mime: string, content: string | Blob): void;
  /** Writes text to the system clipboard when the browser permits it; false otherwise. */
  writeClipboard(text: string): Promise<boolean>;
  readClipboard(): Promise<string | null>;
  /** Remembers the open file for this tab, so a reload reopens it. */
  rememberPath(path: string | null): void;
  systemPrefersDark(): boolean;
  dataUrlToBlob(dataUrl: string): Blob;
  /** Opens the browser's file chooser for File → Import. */
  pickImportFile(): void;
}

export type Controller = ReturnType<typeof createController>;

export function createController(api: Api, platform: Platform, opts: { autosaveMs?: number; now?: () => number } = {}) {
  const doc = createDocumentStore(opts.now);
  const session = createSessionStore(doc);
  const ui = createUiStore();
  const clipboard = createClipboard();
  const journal = createJournal({ api, doc, session, ui });
  const recent = createRecentFiles(api, ui);
  // Sensitive data sent to "external" AI steps is not flagged when Settings point them at this computer.
  let aiIsLocal = false;
  const analysis = createAnalysisStore(doc, { analyzeOptions: () => ({ externalProviderIsLocal: aiIsLocal }) });
  let info: AppInfo | null = null;
  let canvas: CanvasHandle | null = null;
  // Simulation runs happen in the backend; this store replays their traces on the canvas.
  const sim = createSimulation({ api, doc, session, ui, reveal: (nodeId) => canvas?.reveal({ nodeId }) });
  // Batches run in the backend too; this store follows their progress and paints their heat map.
  const batch = createBatchStore({ api, doc, session });

  const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));
  const reportError = (what: string, e: unknown) => ui.toast('error', `${what}: ${errorText(e)}`);

  // ---- opening and closing documents ----

  /** `restoredKey`: a crash-recovery entry shown as unsaved, whose journal key this session takes over. */
  function show(workflow: Workflow | null, path: string | null, mtimeMs: number | null, restoredKey?: string) {
    autosave.cancel();
    // What was shown before was saved or dropped (the unsaved-changes question came first).
    journal.leave(restoredKey);
    doc.load(workflow);
    // A document shows its findings from the first frame, not after the edit debounce.
    analysis.flush();
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
        await ui.ask({ kind: 'importError', fileName: baseName(path), message: e.message, path: e.path ?? '$' });
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
      path = info?.nativeDialogs ? (await api['dialog.openFile']({})).path : await ui.ask({ kind: 'open' });
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
    delayMs: opts.autosaveMs,
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
    let loaded: { workflow: Workflow; warnings: string[] };
    try {
      loaded = loadWorkflow(text);
    } catch (e) {
      const err = e instanceof WorkflowLoadError ? e : null;
      await ui.ask({ kind: 'importError', fileName, message: err ? stripPath(err) : errorText(e), path: err?.path ?? '$' });
      return false;
    }
    if (!(await guardUnsaved('import another workflow'))) return false;
    show(loaded.workflow, null, null);
    ui.toast('ok', `Imported ${fileName}. It is not saved yet: use Save As to keep it in your workflows.`);
    for (const w of loaded.warnings) ui.toast('warn', w);
    return true;
  }

  function exportName(ext: string) {
    return `${safeFileName(doc.workflow?.name || 'workflow')}${ext}`;
  }

  async function exportText(ext: string, kind: 'json' | 'svg', mime: string, content: string) {
    const fileName = exportName(ext);
    if (info?.nativeDialogs) {
      const { path } = await api['dialog.saveFile']({ suggestedName: fileName, kind });
      if (!path) return;
      await api['file.writeText']({ path, content });
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
    if (!doc.workflow || !canvas) return;
    try {
      const rendered = await canvas.renderImage(kind);
      // PNG is binary and file.writeText carries text, so PNG is always offered as a download
      // (Electron shows its own save dialog for downloads).
      if (kind === 'png') platform.download(exportName('.png'), 'image/png', platform.dataUrlToBlob(rendered));
      else await exportText('.svg', 'svg', 'image/svg+xml', rendered);
    } catch (e) {
      reportError(`Could not export the diagram as ${kind.toUpperCase()}`, e);
    }
  }

  // ---- editing ----

  function selectionIds() {
    const wf = doc.workflow;
    if (!wf) return { nodes: [] as string[], edges: [] as string[] };
    const s = ui.state;
    return {
      nodes: wf.nodes.filter((n) => s.selectedNodes.has(n.id)).map((n) => n.id),
      edges: wf.edges.filter((e) => s.selectedEdges.has(e.id)).map((e) => e.id),
    };
  }

  function addNodeAt(kind: NodeKind, position: { x: number; y: number }) {
    const wf = doc.workflow;
    if (!wf) return null;
    const { workflow, id } = addNode(wf, kind, position);
    doc.commit(workflow);
    ui.select([id]);
    return id;
  }

  function addNodeAtCentre(kind: NodeKind) {
    const c = canvas?.centre() ?? { x: 0, y: 0 };
    // Nudge each new step so several clicks do not stack them exactly.
    const n = doc.workflow?.nodes.length ?? 0;
    return addNodeAt(kind, { x: c.x - 120 + (n % 5) * 24, y: c.y - 50 + (n % 5) * 24 });
  }

  function tryConnect(req: ConnectionRequest) {
    const wf = doc.workflow;
    if (!wf) return false;
    const result = connect(wf, req);
    if (!result.ok) {
      ui.refuse(result.reason);
      return false;
    }
    doc.commit(result.workflow);
    ui.clearRefusal();
    return true;
  }

  function deleteSelection() {
    const { nodes, edges } = selectionIds();
    if (!nodes.length && !edges.length) return;
    doc.edit((wf) => removeElements(wf, nodes, edges));
    ui.clearSelection();
  }

  function copySelection(): Fragment | null {
    const wf = doc.workflow;
    const { nodes } = selectionIds();
    if (!wf || !nodes.length) return null;
    const fragment = extractFragment(wf, nodes);
    clipboard.set(fragment);
    void platform.writeClipboard(clipboard.text);
    return fragment;
  }

  /** Without `offset`, each paste of the same fragment lands one step further along. */
  function pasteFrom(fragment: Fragment, offset?: { x: number; y: number }) {
    const wf = doc.workflow;
    if (!wf) return;
    const pasted = pasteFragment(wf, fragment, offset ?? clipboard.nextOffset(fragment));
    doc.commit(pasted.workflow);
    ui.select(pasted.nodeIds);
  }

  /** Pastes clipboard text when it holds a fragment, else the app's own clipboard. */
  function pasteText(text: string | null) {
    const fragment = (text && fragmentFromText(text)) || clipboard.fragment;
    if (fragment) pasteFrom(fragment);
  }

  async function paste() {
    const text = await platform.readClipboard().catch(() => null);
    pasteText(text);
  }

  function duplicate() {
    const wf = doc.workflow;
    const { nodes } = selectionIds();
    if (wf && nodes.length) pasteFrom(extractFragment(wf, nodes), { x: 40, y: 40 });
  }

  function selectAll() {
    const wf = doc.workflow;
    if (wf) ui.select(wf.nodes.map((n) => n.id), wf.edges.map((e) => e.id));
  }

  function layout() {
    const wf = doc.workflow;
    if (!wf || !wf.nodes.length) return;
    doc.commit(moveNodes(wf, autoLayout(wf, canvas?.sizes() ?? new Map())));
    requestFit();
  }

  function requestFit() {
    // Let React Flow take the new positions before fitting.
    setTimeout(() => canvas?.fitView(), 30);
  }

  // ---- analysis ----

  /**
   * Applies a finding's quick fix as one undo step, re-planned on the document as it is now. A fix
   * that inserted an approval selects it and puts the cursor in its Reviewer field, the one thing
   * the fix leaves for the user.
   */
  function applyFix(finding: Finding, index: number) {
    const before = doc.workflow;
    doc.edit((wf) => applyFixTo(wf, finding, index));
    analysis.flush();
    const after = doc.workflow;
    if (!before || !after || after === before) return;
    const known = new Set(before.nodes.map((n) => n.id));
    const gate = after.nodes.find((n) => !known.has(n.id) && n.kind === 'approval');
    if (!gate) return;
    ui.select([gate.id]);
    ui.setTab('inspector');
    canvas?.reveal({ nodeId: gate.id });
    focusWhenShown('field-reviewer');
  }

  /** An edit made from the analysis UI (rule settings, suppressions): its effect shows at once. */
  function commitAnalysisEdit(next: Workflow) {
    doc.commit(next);
    analysis.flush();
  }

  /** Shows what a finding is about: selects and centres the step or link, or opens the connection. */
  function revealFinding(finding: Finding) {
    const target = targetOf(finding);
    const wf = doc.workflow;
    if (!wf || target.id === null) return;
    if (target.kind === 'connection') {
      if (wf.connections.some((c) => c.id === target.id)) ui.focusConnection(target.id);
      return;
    }
    if (target.kind === 'node' && wf.nodes.some((n) => n.id === target.id)) {
      ui.select([target.id]);
      canvas?.reveal({ nodeId: target.id });
    } else if (target.kind === 'edge' && wf.edges.some((e) => e.id === target.id)) {
      ui.select([], [target.id]);
      canvas?.reveal({ edgeId: target.id });
    }
  }

  // ---- settings ----

  async function setTheme(theme: Theme) {
    ui.setTheme(theme);
    try {
      await api['settings.update']({ theme });
    } catch (e) {
      reportError('Could not store the theme', e);
    }
  }

  // ---- crash recovery and files changed on disk ----

  const fileWatch = createFileWatch({
    api,
    doc,
    session,
    ui,
    reload: (path) => openPath(path, true),
    pauseAutosave: () => autosave.cancel(),
  });
  const recovery = createRecovery({
    api,
    ui,
    session,
    journal,
    guardUnsaved,
    showRestored: (entry: JournalEntry) => show(entry.document, entry.path, entry.savedAt, entry.key),
  });

  // ---- readiness and the report (renderer/src/readiness) ----

  const reports = createReportActions({
    api,
    workflow: () => doc.workflow,
    analysis: () => {
      analysis.flush();
      return analysis.state.result;
    },
    info: () => info,
    toast: (tone, text) => ui.toast(tone, text),
    download: (name, mime, content) => platform.download(name, mime, content),
  });

  /** Opens the checklists; an open item's link closes them and shows where the item is answered. */
  async function openReadiness() {
    // The analysis may still be waiting out its debounce after the last keystroke.
    analysis.flush();
    const target = await ui.ask({ kind: 'readiness' });
    const plan = target && doc.workflow ? fixPlan(doc.workflow, target) : null;
    if (plan) showFix(plan, { ui, canvas: () => canvas, focus: focusWhenShown });
  }

  // ---- commands (menus, toolbar, keys) ----

  const handlers: Record<CommandId, () => unknown> = {
    'file.new': newBlank,
    'file.open': openCommand,
    'file.save': save,
    'file.saveAs': saveAs,
    'file.import': () => platform.pickImportFile(),
    'file.export': exportJson,
    'file.exportSvg': () => exportImage('svg'),
    'file.exportPng': () => exportImage('png'),
    'file.exportReportHtml': () => reports.exportReport('html'),
    'file.exportReportMarkdown': () => reports.exportReport('markdown'),
    'file.exportReportPdf': () => reports.exportReport('pdf'),
    'file.home': closeToHome,
    'edit.undo': () => doc.undo(),
    'edit.redo': () => doc.redo(),
    'edit.cut': () => {
      if (copySelection()) deleteSelection();
    },
    'edit.copy': copySelection,
    'edit.paste': paste,
    'edit.duplicate': duplicate,
    'edit.delete': deleteSelection,
    'edit.selectAll': selectAll,
    'view.fit': () => canvas?.fitView(),
    'view.layout': layout,
    'view.readiness': openReadiness,
    'view.minimap': () => ui.toggleMinimap(),
    'view.theme': () => setTheme(toggledTheme(ui.state.theme, platform.systemPrefersDark())),
    'view.settings': () => ui.ask({ kind: 'settings' }),
    'help.shortcuts': () => ui.ask({ kind: 'shortcuts' }),
  };

  /** Commands that make sense only with a workflow open. */
  const NEEDS_DOCUMENT = new Set<CommandId>([
    'file.save', 'file.saveAs', 'file.export', 'file.exportSvg', 'file.exportPng', 'file.home',
    'file.exportReportHtml', 'file.exportReportMarkdown', 'file.exportReportPdf', 'view.readiness',
    'edit.undo', 'edit.redo', 'edit.cut', 'edit.copy', 'edit.paste', 'edit.duplicate', 'edit.delete', 'edit.selectAll',
    'view.fit', 'view.layout',
  ]);

  /** Whether a command can run now: a document is open if it needs one, and this shell has it (PDF: desktop only). */
  const enabled = (id: CommandId) => (!NEEDS_DOCUMENT.has(id) || !!doc.workflow) && commandAvailable(id, info?.mode === 'desktop');

  async function run(id: CommandId) {
    if (!enabled(id)) return;
    try {
      await handlers[id]();
    } catch (e) {
      reportError('Something went wrong', e);
    }
  }

  return {
    api,
    doc,
    session,
    ui,
    clipboard,
    journal,
    fileWatch,
    recovery,
    recent,
    analysis,
    sim,
    batch,
    get info() {
      return info;
    },
    setInfo(next: AppInfo) {
      info = next;
    },
    /** Whether AI steps marked external run on a server on this computer (Settings → AI). */
    setAiLocal(local: boolean) {
      if (local === aiIsLocal) return;
      aiIsLocal = local;
      analysis.optionsChanged();
    },
    setCanvas(handle: CanvasHandle | null) {
      canvas = handle;
    },
    get canvas() {
      return canvas;
    },
    run,
    enabled,
    guardUnsaved,
    newBlank,
    newFromTemplate,
    openPath,
    closeToHome,
    save,
    saveAs,
    writeTo,
    importText,
    addNodeAt,
    addNodeAtCentre,
    tryConnect,
    copySelection,
    pasteText,
    paste,
    selectAll,
    layout,
    setTheme,
    applyFix,
    commitAnalysisEdit,
    revealFinding,
    /** D2's panels report edits here. */
    onPanelChange(next: Workflow, coalesceKey?: string) {
      doc.commit(next, coalesceKey);
    },
  };
}

/** The load error's message without the path prefix (the dialog shows the path on its own line). */
function stripPath(e: WorkflowLoadError): string {
  return e.path !== '$' && e.message.startsWith(`${e.path}: `) ? e.message.slice(e.path.length + 2) : e.message;
}
