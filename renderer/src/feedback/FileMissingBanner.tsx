// Says, above the canvas, that the open file was deleted or moved by another program. The
// document is still here; saving writes the file again (autosave waits until then).
import { useStore } from 'zustand';
import { displayText } from '../../../shared/model/display-text';
import { useApp, useSession } from '../app/context';
import { baseName } from '../app/files';
import { Icon } from '../chrome/icons';
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './recovery.css';

export function FileMissingBanner() {
  const app = useApp();
  const missing = useStore(app.fileWatch.store, (s) => s.missing);
  const path = useSession((s) => s.path);
  if (!missing || missing !== path) return null;
  return (
    <div className="file-banner" role="status" data-testid="banner-file-missing">
      <Icon name="alert" size={16} />
      <span className="file-banner-text" title={missing}>
        <strong>{displayText(baseName(missing), 80, 'The file')}</strong> was deleted or moved. Save to write it again.
      </span>
      <button type="button" className="btn small" onClick={() => void app.run('file.save')} data-testid="banner-file-missing-save">
        Save
      </button>
    </div>
  );
}
