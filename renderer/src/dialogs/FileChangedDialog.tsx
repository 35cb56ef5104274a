// Questions about the open file on disk: another program changed it while there are unsaved
// changes here, or a recent file is no longer there.
import { displayText } from '../../../shared/model/display-text';
import { baseName } from '../app/files';
import { Dialog } from './Dialog';

export function FileChangedDialog({ path, resolve }: { path: string; resolve(choice: 'reload' | 'keep'): void }) {
  const file = displayText(baseName(path), 60, 'The file');
  return (
    <Dialog
      title={`${file} was changed by another program`}
      testId="dialog-file-changed"
      tone="warn"
      onDismiss={() => resolve('keep')}
      initialFocus='[data-testid="file-changed-keep"]'
      footer={
        <>
          <button type="button" className="btn btn-danger-quiet" onClick={() => resolve('reload')} data-testid="file-changed-reload">
            Reload theirs
          </button>
          <span className="spacer" />
          <button type="button" className="btn btn-primary" onClick={() => resolve('keep')} data-testid="file-changed-keep">
            Keep mine
          </button>
        </>
      }
    >
      <p>You have unsaved changes here, and the file on disk is now different from the version they started from.</p>
      <ul className="plain-list">
        <li>
          <strong>Reload theirs</strong> drops your unsaved changes and loads the file as it is now.
        </li>
        <li>
          <strong>Keep mine</strong> keeps editing your version. Autosave pauses, and the next save asks before it replaces the file (the
          version on disk is kept as a backup, <code>.bak</code>).
        </li>
      </ul>
      <p className="muted small">{path}</p>
    </Dialog>
  );
}

export function NotFoundDialog({ path, resolve }: { path: string; resolve(choice: 'remove' | 'keep'): void }) {
  return (
    <Dialog
      title="This workflow file is not there any more"
      testId="dialog-not-found"
      tone="warn"
      onDismiss={() => resolve('keep')}
      initialFocus='[data-testid="not-found-remove"]'
      footer={
        <>
          <button type="button" className="btn" onClick={() => resolve('keep')} data-testid="not-found-keep">
            Keep in the list
          </button>
          <button type="button" className="btn btn-primary" onClick={() => resolve('remove')} data-testid="not-found-remove">
            Remove from recent
          </button>
        </>
      }
    >
      <p>
        <strong>{displayText(baseName(path), 80, path)}</strong> was moved, renamed or deleted, so Flowgate can’t open it. Remove it from
        your recent workflows?
      </p>
      <p className="muted small">{path}</p>
    </Dialog>
  );
}
