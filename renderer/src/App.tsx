// The app shell: start-up (backend info, settings, reopening the tab's file), then either the
// start page or the editor, with dialogs, toasts and the global keyboard and drop handling.
import { useCallback, useEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useStore } from 'zustand';
import { errorText } from '../../shared/text';
import { ProblemsDock } from './analysis/ProblemsDock';
import { StatusCounts } from './analysis/StatusCounts';
import { AppContext } from './app/context';
import type { Controller } from './app/controller';
import { IMPORT_INPUT_ID, lastOpenedPath } from './app/platform';
import { useApplyTheme } from './app/useTheme';
import { useDocumentEffects } from './app/useDocumentEffects';
import { importFile, useFileDrop } from './app/useFileDrop';
import { useGlobalKeys } from './app/useGlobalKeys';
import { useRecovery } from './app/useRecovery';
import { liveKeysOfOtherTabs } from './app/live-sessions';
import { Canvas } from './canvas/Canvas';
import { Icon } from './chrome/icons';
import { StatusBar } from './chrome/StatusBar';
import { Toolbar } from './chrome/Toolbar';
import { DialogHost } from './dialogs/DialogHost';
import { ErrorBoundary } from './feedback/ErrorBoundary';
import { FileMissingBanner } from './feedback/FileMissingBanner';
import { Toasts } from './feedback/Toasts';
import { Home } from './home/Home';
import { DraftNotes } from './drafting/DraftNotes';
import { Palette } from './palette/Palette';
import { RightSidebar } from './sidebar/RightSidebar';

function Editor({ app }: { app: Controller }) {
  const generation = useStore(app.session.store, (s) => s.generation);
  const report = useCallback((m: string) => app.ui.toast('error', m), [app]);
  return (
    <div className="editor">
      <Toolbar />
      <FileMissingBanner />
      <div className="workspace">
        <Palette />
        <div className="centre">
          <DraftNotes />
          <ErrorBoundary area="the canvas" onError={report}>
            <ReactFlowProvider key={generation}>
              <Canvas />
            </ReactFlowProvider>
          </ErrorBoundary>
          <ErrorBoundary area="the Problems panel" onError={report}>
            <ProblemsDock />
          </ErrorBoundary>
        </div>
        <ErrorBoundary area="the side panel" onError={report}>
          <RightSidebar />
        </ErrorBoundary>
      </div>
      <StatusBar analysis={<StatusCounts />} />
    </div>
  );
}

function Shell({ app }: { app: Controller }) {
  const hasWorkflow = useStore(app.doc.store, (s) => s.workflow !== null);
  useApplyTheme();
  useGlobalKeys(app);
  useDocumentEffects(app);
  useRecovery(app);
  const dropping = useFileDrop(app);
  useEffect(() => {
    // A failed backend call that nobody awaited becomes a toast, never a silent failure or a crash.
    const onRejection = (e: PromiseRejectionEvent) => {
      e.preventDefault();
      app.ui.toast('error', errorText(e.reason));
    };
    window.addEventListener('unhandledrejection', onRejection);
    return () => window.removeEventListener('unhandledrejection', onRejection);
  }, [app]);
  return (
    <>
      {hasWorkflow ? <Editor app={app} /> : <Home />}
      <input
        id={IMPORT_INPUT_ID}
        type="file"
        accept=".json,application/json"
        hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(app, file);
        }}
      />
      {dropping && (
        <div className="drop-hint" aria-hidden="true">
          <Icon name="upload" size={28} />
          <span>Drop a workflow file to import it</span>
        </div>
      )}
      <DialogHost />
      <Toasts />
    </>
  );
}

type Boot = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; message: string };

/** Start-up: what the backend is, the stored theme, and the file this tab had open before a reload. */
async function boot(app: Controller): Promise<Boot> {
  try {
    const info = await app.api['app.info']({});
    app.setInfo(info);
    for (const w of info.warnings) app.ui.toast('warn', w);
  } catch (e) {
    return { state: 'failed', message: (e as Error).message };
  }
  // Asked together, not one after another: each is a round trip to the backend before the start page.
  const [leftovers] = await Promise.all([
    // Unsaved work a crash or a kill left behind; offered once the app is shown. In browser mode, other
    // tabs may still be editing theirs.
    app.recovery.leftovers(app.info?.mode === 'browser' ? liveKeysOfOtherTabs : undefined),
    app.api['settings.get']({})
      .then((settings) => app.ui.setTheme(settings.theme))
      .catch(() => {
        // The default theme (system) is fine when settings cannot be read.
      }),
    app.api['ai.getSettings']({})
      .then((ai) => app.setAiLocal(ai.provider === 'openai-compatible' && ai.baseUrlIsLocal))
      .catch(() => {
        // Without the AI settings the analysis treats external providers as external: the careful side.
      }),
  ]);
  const last = lastOpenedPath();
  if (last && !app.doc.workflow) await app.openPath(last, true);
  // Asked before the first frame, so the question is there as soon as the app is.
  if (leftovers.length) void app.recovery.offer(leftovers);
  return { state: 'ready' };
}

export function App({ app }: { app: Controller }) {
  const [state, setState] = useState<Boot>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    void boot(app).then((b) => live && setState(b));
    return () => {
      live = false;
    };
  }, [app]);
  const retry = () => {
    setState({ state: 'loading' });
    void boot(app).then(setState);
  };

  return (
    <AppContext.Provider value={app}>
      <ErrorBoundary area="Flowgate">
        {state.state === 'ready' && <Shell app={app} />}
        {state.state === 'loading' && <div className="boot muted">Starting Flowgate…</div>}
        {state.state === 'failed' && (
          <div className="boot" role="alert" data-testid="boot-error">
            <h1>Flowgate can’t start</h1>
            <p>{state.message}</p>
            <button type="button" className="btn btn-primary" onClick={retry}>
              Try again
            </button>
          </div>
        )}
      </ErrorBoundary>
    </AppContext.Provider>
  );
}
