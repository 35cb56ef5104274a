// Dialogs that ask one question: unsaved changes, a file changed on disk, a refused import.
import { baseName } from '../app/files';
import type { ConflictChoice, UnsavedChoice } from '../store/ui';
import { Dialog } from './Dialog';

export function UnsavedDialog({ name, action, resolve }: { name: string; action: string; resolve(c: UnsavedChoice): void }) {
  return (
    <Dialog
      title="Save your changes?"
      testId="dialog-unsaved"
      tone="warn"
      onDismiss={() => resolve('cancel')}
      initialFocus='[data-testid="unsaved-save"]'
      footer={
        <>
          <button type="button" className="btn btn-danger-quiet" onClick={() => resolve('discard')} data-testid="unsaved-discard">
            Discard changes
          </button>
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => resolve('cancel')} data-testid="unsaved-cancel">
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => resolve('save')} data-testid="unsaved-save">
            Save
          </button>
        </>
      }
    >
      <p>
        “{name}” has changes that are not saved. Save them before you {action}?
      </p>
    </Dialog>
  );
}

export function ConflictDialog({ path, resolve }: { path: string; resolve(c: ConflictChoice): void }) {
  return (
    <Dialog
      title="The file changed on disk"
      testId="dialog-conflict"
      tone="warn"
      onDismiss={() => resolve('keep')}
      initialFocus='[data-testid="conflict-keep"]'
      footer={
        <>
          <button type="button" className="btn btn-danger-quiet" onClick={() => resolve('reopen')} data-testid="conflict-reopen">
            Reopen from disk
          </button>
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => resolve('keep')} data-testid="conflict-keep">
            Keep mine, don’t save
          </button>
          <button type="button" className="btn btn-primary" onClick={() => resolve('overwrite')} data-testid="conflict-overwrite">
            Overwrite the file
          </button>
        </>
      }
    >
      <p>
        Someone or something changed <strong>{baseName(path)}</strong> after you opened it. Saving now would replace those changes.
      </p>
      <ul className="plain-list">
        <li>
          <strong>Overwrite</strong> writes your version; the one on disk is kept as a backup (<code>.bak</code>).
        </li>
        <li>
          <strong>Reopen from disk</strong> drops your unsaved changes and loads the file as it is now.
        </li>
        <li>
          <strong>Keep mine</strong> leaves both as they are; autosave pauses until you save.
        </li>
      </ul>
      <p className="muted small">{path}</p>
    </Dialog>
  );
}

export function ImportErrorDialog({ fileName, lead, detail, path, resolve }: { fileName: string; lead: string; detail: string | null; path: string; resolve(v: null): void }) {
  return (
    <Dialog
      title="This file can’t be opened"
      testId="import-error"
      tone="danger"
      onDismiss={() => resolve(null)}
      footer={
        <button type="button" className="btn btn-primary" onClick={() => resolve(null)} data-testid="import-error-ok">
          OK
        </button>
      }
    >
      {/* What the file is comes first, in a sentence; the loader's words and the JSON path after it. */}
      <div className="error-lead" data-testid="import-error-message">
        <p data-testid="import-error-lead">
          <strong>{lead}</strong>
        </p>
        {detail ? <p className="error-detail-text">{detail}</p> : null}
      </div>
      <p className="muted">
        <strong>{fileName}</strong> was not opened. Nothing was changed: what you had open is still open.
      </p>
      <dl className="error-detail">
        <dt>Where in the file</dt>
        <dd>
          <code data-testid="import-error-path">{path === '$' ? '$ (the whole file)' : path}</code>
        </dd>
      </dl>
    </Dialog>
  );
}
