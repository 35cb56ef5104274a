// The app's controller: creates the stores and the actions and wires them together — file actions
// (file-actions.ts: New, Open, Save, Import, Export…), edit actions (edit-actions.ts: add, link,
// paste, quick fixes…) and the command table (command-table.ts) that menus, the toolbar and keys run.
// The platform (DOM, downloads, the canvas) is passed in, so the logic runs in tests without a browser.
import type { Api } from '../../../shared/api/contract';
import type { CommandId } from '../../../shared/api/commands';
import { outputsOf } from '../../../shared/kinds/registry';
import type { Workflow } from '../../../shared/model/schema';
import { errorText } from '../../../shared/text';
import { focusCanvasItem } from '../canvas/focus';
import { createNextStep } from '../canvas/next-step/store';
import { createRouting } from '../canvas/routing/routing';
import type { ElkLike } from '../../../shared/model/elk-layout';
import { noteKey } from '../canvas/notes/keys';
import { createBatchStore } from '../batch/store';
import { createWorkerAnalysis } from '../analysis/worker-analysis';
import { createWorkerAnalyzer } from '../conformance/analyzer';
import { createLogStore } from '../conformance/store';
import { createDrafting } from '../drafting/store';
import { createEngineExport } from '../export/open-export';
import { fixPlan, focusWhenShown, showFix } from '../readiness/fix-targets';
import { createReportActions } from '../readiness/report-export';
import { createSimulation } from '../simulation/store';
import { createAnalysisStore } from '../store/analysis';
import { createClipboard } from '../store/clipboard';
import { createDocumentStore } from '../store/document';
import { createSessionStore } from '../store/session';
import { toggledTheme, type Theme } from '../store/theme';
import { createUiStore } from '../store/ui';
import type { ActionDeps, AppInfo, CanvasHandle, Platform } from './action-deps';
import { createCommandTable } from './command-table';
import { createEditActions } from './edit-actions';
import { createFileActions } from './file-actions';
import { createFileWatch } from './file-watch';
import { createJournal } from './journal';
import { createRecentFiles } from './recent';
import { createRecovery, type JournalEntry } from './recovery';

export type { AppInfo, CanvasHandle, Platform } from './action-deps';

export type Controller = ReturnType<typeof createController>;

export function createController(api: Api, platform: Platform, opts: { autosaveMs?: number; now?: () => number; elk?: ElkLike } = {}) {
  const doc = createDocumentStore(opts.now);
  const session = createSessionStore(doc);
  const ui = createUiStore();
  const clipboard = createClipboard();
  const journal = createJournal({ api, doc, session, ui });
  const recent = createRecentFiles(api, ui);
  // Sensitive data sent to "external" AI steps is not flagged when Settings point them at this computer.
  let aiIsLocal = false;
  // A large document's first analysis runs in a Web Worker, so that it opens without waiting for it.
  const analysis = createAnalysisStore(doc, { analyzeOptions: () => ({ externalProviderIsLocal: aiIsLocal }), analyzeAway: createWorkerAnalysis() });
  let info: AppInfo | null = null;
  let canvas: CanvasHandle | null = null;
  // Simulation runs happen in the backend; this store replays their traces on the canvas.
  const sim = createSimulation({ api, doc, session, ui, reveal: (nodeId) => canvas?.reveal({ nodeId }) });
  // Batches run in the backend too; this store follows their progress and paints their heat map.
  const batch = createBatchStore({ api, doc, session });
  // An event log compared with the design (renderer/src/conformance), in a Web Worker of the page.
  const showLog = () => (ui.setTab('simulation'), batch.setMode('log'));
  const log = createLogStore({ doc, session, ui, analyze: createWorkerAnalyzer(), showPanel: showLog, reveal: (nodeId) => canvas?.reveal({ nodeId }) });

  const reportError = (what: string, e: unknown) => ui.toast('error', `${what}: ${errorText(e)}`);
  const deps: ActionDeps = { api, platform, doc, session, ui, analysis, info: () => info, canvas: () => canvas, reportError };
  const files = createFileActions({ ...deps, journal, recent, autosaveMs: opts.autosaveMs });
  // Links around steps: ELK's layout and the routes of the open document (canvas/routing/).
  const routing = createRouting(opts.elk);
  session.store.subscribe((s, prev) => {
    if (s.generation !== prev.generation) routing.routes.clear();
  });
  const edits = createEditActions({ ...deps, clipboard, routing });
  // Which step's next-step picker is open (renderer/src/canvas/next-step).
  const nextStep = createNextStep();
  // Drafts from a description are made in the backend too, and open as new, unsaved workflows.
  const drafting = createDrafting({ api, ui, session, open: async (r) => (await files.guardUnsaved('open the draft')) && (files.show(r.workflow, null, null), true) });
  // Export to another engine (renderer/src/export): Camunda 8 (BPMN), n8n.
  const engineExport = createEngineExport({
    ui,
    flushAnalysis: () => analysis.flush(),
    revealStep: (nodeId) => {
      if (!doc.workflow?.nodes.some((n) => n.id === nodeId)) return;
      ui.select([nodeId]);
      canvas?.reveal({ nodeId });
    },
  });

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
    reload: (path) => files.openPath(path, true),
    pauseAutosave: () => files.autosave.cancel(),
  });
  const recovery = createRecovery({
    api,
    ui,
    session,
    journal,
    guardUnsaved: files.guardUnsaved,
    showRestored: (entry: JournalEntry) => files.show(entry.document, entry.path, entry.savedAt, entry.key),
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

  // ---- building without dragging: the next step, quick find, notes ----

  /** Add Next Step (Alt+Enter): the picker of the one selected step, at its "+". */
  function openNextStep() {
    const wf = doc.workflow;
    const selected = wf ? wf.nodes.filter((n) => ui.state.selectedNodes.has(n.id)) : [];
    if (selected.length !== 1) {
      ui.refuse('Select one step first: the next step is added after it.');
      return;
    }
    const [node] = selected;
    if (!outputsOf(node).length) {
      ui.refuse('An end step finishes the workflow: nothing can follow it.');
      return;
    }
    nextStep.open(node.id, null);
  }

  function addNoteCommand() {
    const id = edits.addNote();
    if (id) focusCanvasItem(noteKey(id));
  }

  /** Quick find (Ctrl+K): shows the step or note found, adds the kind chosen, or runs the command. */
  async function quickFind() {
    const choice = await ui.ask({ kind: 'quickFind' });
    if (!choice) return;
    switch (choice.type) {
      case 'step':
      case 'note': {
        const key = choice.type === 'note' ? noteKey(choice.id) : choice.id;
        ui.select([key]);
        canvas?.reveal({ nodeId: key });
        focusCanvasItem(key);
        return;
      }
      case 'add': {
        if (choice.kind === 'note') return addNoteCommand();
        const id = edits.addNodeAtCentre(choice.kind);
        if (id) focusCanvasItem(id);
        return;
      }
      case 'command':
        return commands.run(choice.id);
    }
  }

  /** Run (toolbar, F5): the Run tab's single run, started with what it is set to (by default the first scenario, asking at approvals). */
  function runRehearsal() {
    ui.setTab('simulation');
    batch.setMode('single');
    return sim.runChosen();
  }

  // ---- commands (menus, toolbar, keys) ----

  const handlers: Record<CommandId, () => unknown> = {
    'file.new': files.newBlank,
    'file.draft': () => drafting.openDialog(),
    'file.open': files.openCommand,
    'file.save': files.save,
    'file.saveAs': files.saveAs,
    'file.import': () => platform.pickImportFile(),
    'file.compareLog': () => log.requestPick(),
    'file.export': files.exportJson,
    'file.exportSvg': () => files.exportImage('svg'),
    'file.exportPng': () => files.exportImage('png'),
    'file.exportReportHtml': () => reports.exportReport('html'),
    'file.exportReportMarkdown': () => reports.exportReport('markdown'),
    'file.exportReportPdf': () => reports.exportReport('pdf'),
    'file.exportBpmn': () => engineExport.open('bpmn'),
    'file.exportN8n': () => engineExport.open('n8n'),
    'file.home': files.closeToHome,
    'edit.undo': () => doc.undo(),
    'edit.redo': () => doc.redo(),
    'edit.cut': edits.cut,
    'edit.copy': edits.copySelection,
    'edit.paste': edits.paste,
    'edit.duplicate': edits.duplicate,
    'edit.delete': edits.deleteSelection,
    'edit.selectAll': edits.selectAll,
    'edit.addNext': openNextStep,
    'edit.addNote': addNoteCommand,
    'edit.quickFind': quickFind,
    'view.fit': () => canvas?.fitView(),
    'view.layout': () => edits.layout('elk'),
    'view.layoutSimple': () => edits.layout('dagre'),
    'view.readiness': openReadiness,
    'view.run': () => runRehearsal(),
    'view.minimap': () => ui.toggleMinimap(),
    'view.theme': () => setTheme(toggledTheme(ui.state.theme, platform.systemPrefersDark())),
    'view.settings': () => ui.ask({ kind: 'settings' }),
    'help.shortcuts': () => ui.ask({ kind: 'shortcuts' }),
  };
  const commands = createCommandTable(handlers, { hasDocument: () => !!doc.workflow, isDesktop: () => info?.mode === 'desktop', reportError });

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
    log,
    drafting,
    nextStep,
    routing,
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
    run: commands.run,
    enabled: commands.enabled,
    guardUnsaved: files.guardUnsaved,
    newBlank: files.newBlank,
    newFromTemplate: files.newFromTemplate,
    openPath: files.openPath,
    closeToHome: files.closeToHome,
    save: files.save,
    saveAs: files.saveAs,
    writeTo: files.writeTo,
    importText: files.importText,
    addNodeAt: edits.addNodeAt,
    addNodeAtCentre: edits.addNodeAtCentre,
    addNextStep: edits.addNextStep,
    setOutput: edits.setOutput,
    addNote: edits.addNote,
    tryConnect: edits.tryConnect,
    copySelection: edits.copySelection,
    pasteText: edits.pasteText,
    paste: edits.paste,
    selectAll: edits.selectAll,
    layout: edits.layout,
    setTheme,
    applyFix: edits.applyFix,
    commitAnalysisEdit: edits.commitAnalysisEdit,
    revealFinding: edits.revealFinding,
    /** The panels report their edits here. */
    onPanelChange(next: Workflow, coalesceKey?: string) {
      doc.commit(next, coalesceKey);
    },
  };
}
