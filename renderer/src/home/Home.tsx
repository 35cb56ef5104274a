// The start page, shown when no workflow is open: new, templates, recent files, open, import.
import { useCallback, useEffect, useState } from 'react';
import type { Result } from '../../../shared/api/contract';
import { displayText } from '../../../shared/model/display-text';
import { useApp } from '../app/context';
import { Icon } from '../chrome/icons';
import { commandShortcut, commandTitle } from '../chrome/commandText';
import { useResolvedTheme } from '../app/useTheme';
import type { CommandId } from '../../../shared/api/commands';

type Templates = Result<'templates.list'>;

/** Theme, settings and shortcuts, reachable before any workflow is open. */
function HomeTools() {
  const app = useApp();
  const theme = useResolvedTheme();
  const tools: { id: CommandId; icon: string; label: string }[] = [
    { id: 'view.theme', icon: theme === 'dark' ? 'sun' : 'moon', label: theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme' },
    { id: 'view.settings', icon: 'settings', label: 'Settings' },
    { id: 'help.shortcuts', icon: 'keyboard', label: 'Keyboard shortcuts' },
  ];
  return (
    <div className="home-tools">
      {tools.map((t) => (
        <button key={t.id} type="button" className="tool-btn" onClick={() => app.run(t.id)} title={commandTitle(t.id, t.label)} aria-label={t.label} data-testid={`tb-${t.id}`}>
          <Icon name={t.icon} size={17} />
        </button>
      ))}
    </div>
  );
}
type Recent = Result<'recent.list'>;

export function Home() {
  const app = useApp();
  const [templates, setTemplates] = useState<Templates | null>(null);
  const [recent, setRecent] = useState<Recent | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const loadRecent = useCallback(() => {
    app.api['recent.list']({})
      .then(setRecent)
      .catch((e: Error) => setProblem(e.message));
  }, [app]);
  // A missing file taken off the list elsewhere (the question when opening it failed).
  useEffect(() => app.recent.store.subscribe(loadRecent), [app, loadRecent]);

  useEffect(() => {
    app.api['templates.list']({})
      .then(setTemplates)
      .catch((e: Error) => {
        setTemplates([]);
        setProblem(e.message);
      });
    loadRecent();
  }, [app, loadRecent]);

  const remove = async (path: string) => {
    try {
      await app.api['recent.remove']({ path });
    } catch (e) {
      app.ui.toast('error', `Could not update the list: ${(e as Error).message}`);
    }
    loadRecent();
  };

  return (
    <main className="home" data-testid="home">
      <div className="home-inner">
        <header className="home-head">
          <div className="brand">
            <span className="brand-mark">
              <Icon name="logo" size={28} />
            </span>
            <div>
              <h1>Flowgate</h1>
              <p className="muted">Design an AI-assisted workflow, check what it is allowed to do, and rehearse it offline.</p>
            </div>
          </div>
          <HomeTools />
        </header>

        {problem && (
          <p className="notice tone-danger" role="alert">
            {problem}
          </p>
        )}

        <section className="home-actions" aria-label="Start">
          <button type="button" className="action-card is-primary" onClick={() => app.newBlank()} data-testid="home-new-blank">
            <Icon name="file-plus" size={22} />
            <span>
              <span className="action-title">New blank workflow</span>
              <span className="action-hint">An empty canvas {commandShortcut('file.new') && <kbd>{commandShortcut('file.new')}</kbd>}</span>
            </span>
          </button>
          <button type="button" className="action-card" onClick={() => app.run('file.draft')} data-testid="home-draft">
            <Icon name="sparkles" size={22} />
            <span>
              <span className="action-title">Draft from a description…</span>
              <span className="action-hint">Say it in words; Flowgate checks the draft</span>
            </span>
          </button>
          <button type="button" className="action-card" onClick={() => app.run('file.open')} data-testid="home-open">
            <Icon name="folder-open" size={22} />
            <span>
              <span className="action-title">Open…</span>
              <span className="action-hint">A saved workflow</span>
            </span>
          </button>
          <button type="button" className="action-card" onClick={() => app.run('file.import')} data-testid="home-import">
            <Icon name="upload" size={22} />
            <span>
              <span className="action-title">Import…</span>
              <span className="action-hint">A .flowgate.json file, or drop one anywhere</span>
            </span>
          </button>
        </section>

        <div className="home-columns">
          <section className="home-templates" aria-labelledby="templates-title">
            <h2 id="templates-title" className="section-title">
              Start from a template
            </h2>
            {templates === null && <p className="muted">Loading templates…</p>}
            {templates?.length === 0 && !problem && <p className="muted">No templates are installed.</p>}
            <ul className="template-grid">
              {templates?.map((t) => (
                <li key={t.id}>
                  <button type="button" className="template-card" onClick={() => app.newFromTemplate(t.id)} data-testid={`template-${t.id}`}>
                    <span className="template-name">{displayText(t.name, 80, t.id)}</span>
                    <span className="template-desc" title={t.description}>
                      {t.description}
                    </span>
                    <span className="template-cta">Use this template →</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <section className="home-recent" aria-labelledby="recent-title">
            <h2 id="recent-title" className="section-title">
              Recent workflows
            </h2>
            {recent === null && <p className="muted">Loading…</p>}
            {recent?.length === 0 && <p className="muted">Workflows you open or save show up here.</p>}
            <ul className="recent-list">
              {recent?.map((r) => (
                <li key={r.path} className={`recent-item${r.exists ? '' : ' is-missing'}`} data-testid="recent-item" data-path={r.path}>
                  {r.exists ? (
                    <button type="button" className="recent-open" onClick={() => app.openPath(r.path)} title={r.path} data-testid="recent-open">
                      <span className="recent-name">{displayText(r.name, 80, 'Untitled workflow')}</span>
                      <span className="recent-path">{r.path}</span>
                    </button>
                  ) : (
                    <div className="recent-open" title={`${r.path} — the file is no longer there`}>
                      <span className="recent-name">{displayText(r.name, 80, 'Untitled workflow')}</span>
                      <span className="recent-path">Missing: {r.path}</span>
                    </div>
                  )}
                  {!r.exists && (
                    <button type="button" className="btn small" onClick={() => remove(r.path)} data-testid="recent-remove">
                      Remove from list
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </main>
  );
}
