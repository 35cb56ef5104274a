// Browser mode's Save As: a name for the file in the workspace folder.
import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../app/context';
import { baseName, workflowFileName } from '../app/files';
import { Dialog } from './Dialog';

export function SaveAsDialog({ suggested, resolve }: { suggested: string; resolve(name: string | null): void }) {
  const app = useApp();
  const [name, setName] = useState(suggested);
  const [existing, setExisting] = useState<Set<string>>(new Set());
  useEffect(() => {
    let live = true;
    app.api['workspace.list']({})
      .then((files) => live && setExisting(new Set(files.map((f) => baseName(f.path)))))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [app]);
  const fileName = workflowFileName(name);
  const valid = name.trim().length > 0;
  const clash = valid && existing.has(fileName);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (valid) resolve(name.trim());
  };
  return (
    <Dialog
      title="Save workflow as"
      testId="dialog-save-as"
      onDismiss={() => resolve(null)}
      initialFocus='[data-testid="save-as-name"]'
      footer={
        <>
          <button type="button" className="btn" onClick={() => resolve(null)}>
            Cancel
          </button>
          <button type="submit" form="save-as-form" className={`btn ${clash ? 'btn-danger' : 'btn-primary'}`} disabled={!valid} data-testid="save-as-confirm">
            {clash ? 'Replace' : 'Save'}
          </button>
        </>
      }
    >
      <form id="save-as-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">File name</span>
          <input
            className="input"
            value={name}
            onChange={(e) => setName(e.target.value)}
            onFocus={(e) => e.target.select()}
            data-testid="save-as-name"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <p className="muted small">
          Saved as <code>{fileName}</code> in your workflows folder
          {app.info?.workspaceDir ? (
            <>
              {' '}
              <code>{app.info.workspaceDir}</code>
            </>
          ) : null}
          .
        </p>
        {clash && <p className="notice tone-warn">A workflow file with this name already exists. Saving replaces it (the previous version is kept as a backup).</p>}
      </form>
    </Dialog>
  );
}
