// Shows the one open dialog.
import { useUi } from '../app/context';
import { ConflictDialog, ImportErrorDialog, UnsavedDialog } from './ChoiceDialogs';
import { OpenDialog } from './OpenDialog';
import { SaveAsDialog } from './SaveAsDialog';
import { SettingsDialog } from './SettingsDialog';
import { ShortcutsDialog } from './ShortcutsDialog';

export function DialogHost() {
  const d = useUi((s) => s.dialog);
  if (!d) return null;
  switch (d.kind) {
    case 'saveAs':
      return <SaveAsDialog suggested={d.suggested} resolve={d.resolve} />;
    case 'open':
      return <OpenDialog resolve={d.resolve} />;
    case 'unsaved':
      return <UnsavedDialog name={d.name} action={d.action} resolve={d.resolve} />;
    case 'conflict':
      return <ConflictDialog path={d.path} resolve={d.resolve} />;
    case 'importError':
      return <ImportErrorDialog fileName={d.fileName} message={d.message} path={d.path} resolve={d.resolve} />;
    case 'settings':
      return <SettingsDialog resolve={d.resolve} />;
    case 'shortcuts':
      return <ShortcutsDialog resolve={d.resolve} />;
  }
}
