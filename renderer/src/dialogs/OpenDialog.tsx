// Browser mode's Open: the workflow files in the workspace folder and the recent files.
import { useEffect, useState } from 'react';
import type { Result } from '../../../shared/api/contract';
import { displayText } from '../../../shared/model/display-text';
import { useApp } from '../app/context';
import { baseName } from '../app/files';
import { Dialog } from './Dialog';

type Files = Result<'workspace.list'>;
type Recent = Result<'recent.list'>;

export function OpenDialog({ resolve }: { resolve(path: string | null): void }) {
  const app = useApp();
  const [files, setFiles] = useState<Files | null>(null);
  const [recent, setRecent] = useState<Recent>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    Promise.all([app.api['workspace.list']({}), app.api['recent.list']({}).catch(() => [] as Recent)])
      .then(([f, r]) => {
        if (!live) return;
        setFiles(f);
        const inWorkspace = new Set(f.map((x) => x.path));
        setRecent(r.filter((x) => x.exists && !inWorkspace.has(x.path)));
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [app]);
  const when = (ms: number) => new Date(ms).toLocaleString();
  return (
    <Dialog
      title="Open a workflow"
      testId="dialog-open"
      onDismiss={() => resolve(null)}
      wide
      footer={
        <button type="button" className="btn" onClick={() => resolve(null)}>
          Cancel
        </button>
      }
    >
      {error && <p className="notice tone-danger">Could not list your workflows: {error}</p>}
      {!files && !error && <p className="muted">Loading…</p>}
      {files && (
        <>
          <h3 className="section-title">In your workflows folder</h3>
          {files.length === 0 ? (
            <p className="muted">No workflow files yet. Save one, or import a file.</p>
          ) : (
            <ul className="file-list">
              {files.map((f) => (
                <li key={f.path}>
                  <button type="button" className="file-item" onClick={() => resolve(f.path)} data-testid="open-item" data-path={f.path} title={f.path}>
                    <span className="file-name">{displayText(f.name, 80, baseName(f.path))}</span>
                    <span className="file-meta">
                      {baseName(f.path)} · {when(f.mtimeMs)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
          {recent.length > 0 && (
            <>
              <h3 className="section-title">Recent elsewhere</h3>
              <ul className="file-list">
                {recent.map((f) => (
                  <li key={f.path}>
                    <button type="button" className="file-item" onClick={() => resolve(f.path)} data-testid="open-item" data-path={f.path} title={f.path}>
                      <span className="file-name">{displayText(f.name, 80, baseName(f.path))}</span>
                      <span className="file-meta">{f.path}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </Dialog>
  );
}
