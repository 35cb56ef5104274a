// Shows the one open dialog.
import { RuleDialog } from '../analysis/RuleDialog';
import { useApp, useDoc, useUi } from '../app/context';
import { ConflictDialog, ImportErrorDialog, UnsavedDialog } from './ChoiceDialogs';
import { FileChangedDialog, NotFoundDialog } from './FileChangedDialog';
import { OpenDialog } from './OpenDialog';
import { RestoreDialog } from './RestoreDialog';
import { SaveAsDialog } from './SaveAsDialog';
import { SettingsDialog } from './SettingsDialog';
import { ShortcutsDialog } from './ShortcutsDialog';
import { ReadinessDialog } from '../readiness/ReadinessDialog';
import { DraftDialog } from '../drafting/DraftDialog';
import { EngineExportDialog } from '../export/EngineExportDialog';
import { QuickFind } from '../quick-find/QuickFind';

export function DialogHost() {
  const d = useUi((s) => s.dialog);
  const app = useApp();
  const workflow = useDoc((s) => (d?.kind === 'quickFind' ? s.workflow : null));
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
      return <ImportErrorDialog fileName={d.fileName} lead={d.lead} detail={d.detail} path={d.path} resolve={d.resolve} />;
    case 'settings':
      return <SettingsDialog resolve={d.resolve} />;
    case 'shortcuts':
      return <ShortcutsDialog resolve={d.resolve} />;
    case 'restore':
      // A fresh dialog after each discard, so focus lands on a row that is still there.
      return <RestoreDialog key={d.entries.map((e) => e.key).join(' ')} entries={d.entries} resolve={d.resolve} />;
    case 'fileChanged':
      return <FileChangedDialog path={d.path} resolve={d.resolve} />;
    case 'notFound':
      return <NotFoundDialog path={d.path} resolve={d.resolve} />;
    case 'rule':
      return <RuleDialog key={d.ruleId} ruleId={d.ruleId} resolve={d.resolve} />;
    case 'readiness':
      return <ReadinessDialog resolve={d.resolve} />;
    case 'draft':
      return <DraftDialog resolve={d.resolve} />;
    case 'engineExport':
      return <EngineExportDialog target={d.target} resolve={d.resolve} />;
    case 'quickFind':
      return <QuickFind workflow={workflow} enabled={app.enabled} resolve={d.resolve} />;
  }
}
