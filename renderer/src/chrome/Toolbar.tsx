// The compact toolbar: file, edit and view commands as icon buttons with tooltips, and the
// document's name in the middle.
import type { CommandId } from '../../../shared/api/commands';
import { displayText } from '../../../shared/model/display-text';
import { useApp, useDoc, useHistory, useSession, useUi } from '../app/context';
import { useResolvedTheme } from '../app/useTheme';
import { commandLabel, commandTitle } from './commandText';
import { Icon } from './icons';

function ToolButton({ id, icon, disabled, pressed, label }: { id: CommandId; icon: string; disabled?: boolean; pressed?: boolean; label?: string }) {
  const app = useApp();
  const text = label ?? commandLabel(id);
  return (
    <button
      type="button"
      className="tool-btn"
      onClick={() => app.run(id)}
      disabled={disabled}
      title={commandTitle(id, text)}
      aria-label={text}
      aria-pressed={pressed}
      data-testid={`tb-${id}`}
    >
      <Icon name={icon} size={17} />
    </button>
  );
}

const Sep = () => <span className="tool-sep" role="separator" aria-orientation="vertical" />;

export function Toolbar() {
  const name = useDoc((s) => s.workflow?.name ?? '');
  const hasSelection = useUi((s) => s.selectedNodes.size + s.selectedEdges.size > 0);
  const hasNodeSelection = useUi((s) => s.selectedNodes.size > 0);
  const minimap = useUi((s) => s.minimap);
  const dirty = useSession((s) => s.dirty);
  const path = useSession((s) => s.path);
  const theme = useResolvedTheme();
  const { canUndo, canRedo } = useHistory();

  return (
    <header className="toolbar" role="toolbar" aria-label="Workflow commands">
      <div className="tool-group">
        <ToolButton id="file.home" icon="home" label="Close and go to the start page" />
        <Sep />
        <ToolButton id="file.new" icon="file-plus" />
        <ToolButton id="file.draft" icon="sparkles" label="Draft from a description" />
        <ToolButton id="file.open" icon="folder-open" />
        <ToolButton id="file.save" icon="save" />
        <ToolButton id="file.saveAs" icon="save-as" />
        <Sep />
        <ToolButton id="file.import" icon="upload" label="Import a workflow file" />
        <ToolButton id="file.export" icon="download" label="Export workflow as JSON" />
        <ToolButton id="file.exportSvg" icon="file-code" label="Export diagram as SVG" />
        <ToolButton id="file.exportPng" icon="image" label="Export diagram as PNG" />
        <ToolButton id="file.exportBpmn" icon="hand-off" label="Export to an engine: Camunda 8 (BPMN) or n8n" />
        <Sep />
        <ToolButton id="edit.undo" icon="undo" disabled={!canUndo} />
        <ToolButton id="edit.redo" icon="redo" disabled={!canRedo} />
        <Sep />
        <ToolButton id="edit.cut" icon="scissors" disabled={!hasNodeSelection} />
        <ToolButton id="edit.copy" icon="copy" disabled={!hasNodeSelection} />
        <ToolButton id="edit.paste" icon="paste" />
        <ToolButton id="edit.duplicate" icon="duplicate" disabled={!hasNodeSelection} />
        <ToolButton id="edit.delete" icon="trash" disabled={!hasSelection} />
        <ToolButton id="edit.selectAll" icon="select-all" />
      </div>
      <div className="doc-title" title={path ?? 'Not saved yet'}>
        {dirty && (
          <span className="dirty-dot" aria-label="Unsaved changes">
            •
          </span>
        )}
        <span className="doc-name">{displayText(name, 80, 'Untitled workflow')}</span>
      </div>
      <div className="tool-group">
        <ToolButton id="view.readiness" icon="check-shield" label="Readiness checklists and report" />
        <Sep />
        <ToolButton id="view.fit" icon="fit" />
        <ToolButton id="view.layout" icon="layout" />
        <ToolButton id="view.minimap" icon="map" pressed={minimap} label={minimap ? 'Hide minimap' : 'Show minimap'} />
        <Sep />
        <ToolButton id="view.theme" icon={theme === 'dark' ? 'sun' : 'moon'} label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'} />
        <ToolButton id="view.settings" icon="settings" />
        <ToolButton id="help.shortcuts" icon="keyboard" />
      </div>
    </header>
  );
}
