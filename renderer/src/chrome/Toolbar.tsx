// The toolbar: commands in labelled groups (File, Edit, View…), every button with a tooltip naming it
// and its shortcut (from shared/api/commands.ts), and the main few labelled in words: Run, Check,
// Export (a menu of every export). The document's name sits in the middle.
//
// The buttons are data: adding one is one line in a group below (`{ id: 'file.new', icon: 'file-plus' }`);
// what changes with the app's state (disabled, pressed, another icon) is in `useToolState`.
import type { CommandId } from '../../../shared/api/commands';
import { displayText } from '../../../shared/model/display-text';
import { useApp, useDoc, useHistory, useSession, useUi } from '../app/context';
import { useResolvedTheme } from '../app/useTheme';
import { commandLabel, commandTitle } from './commandText';
import { Icon } from './icons';
import { ToolMenu, type MenuItem } from './ToolMenu';

export interface ToolButtonSpec {
  id: CommandId;
  icon: string;
  /** The name in the tooltip and for screen readers; the command's own label by default. */
  label?: string;
  /** Shown next to the icon: the few main commands are labelled in words. */
  text?: string;
}

export interface ToolMenuSpec {
  menu: string;
  icon: string;
  text: string;
  label: string;
  items: MenuItem[];
}

type ToolItem = ToolButtonSpec | ToolMenuSpec;

interface ToolGroup {
  /** What the group is, for screen readers (role="group"). */
  label: string;
  items: ToolItem[];
}

const EXPORTS: MenuItem[] = [
  { id: 'file.export', label: 'Workflow file (JSON)' },
  { id: 'file.exportSvg', label: 'Diagram as SVG' },
  { id: 'file.exportPng', label: 'Diagram as PNG' },
  { id: 'file.exportReportHtml', label: 'Readiness report as HTML' },
  { id: 'file.exportReportMarkdown', label: 'Readiness report as Markdown' },
  { id: 'file.exportReportPdf', label: 'Readiness report as PDF' },
  { id: 'file.exportBpmn', label: 'To Camunda 8 (BPMN)…', separatorBefore: true },
  { id: 'file.exportN8n', label: 'As an n8n workflow…' },
];

const START: ToolGroup[] = [
  { label: 'Start page', items: [{ id: 'file.home', icon: 'home', label: 'Close and go to the start page' }] },
  {
    label: 'File',
    items: [
      { id: 'file.new', icon: 'file-plus' },
      { id: 'file.draft', icon: 'sparkles', label: 'Draft from a description' },
      { id: 'file.open', icon: 'folder-open' },
      { id: 'file.save', icon: 'save' },
      { id: 'file.saveAs', icon: 'save-as' },
      { id: 'file.import', icon: 'upload', label: 'Import a workflow file (Flowgate or n8n)' },
    ],
  },
  {
    label: 'Undo and redo',
    items: [
      { id: 'edit.undo', icon: 'undo' },
      { id: 'edit.redo', icon: 'redo' },
    ],
  },
  {
    label: 'Edit',
    items: [
      { id: 'edit.cut', icon: 'scissors' },
      { id: 'edit.copy', icon: 'copy' },
      { id: 'edit.paste', icon: 'paste' },
      { id: 'edit.duplicate', icon: 'duplicate' },
      { id: 'edit.delete', icon: 'trash' },
      { id: 'edit.selectAll', icon: 'select-all' },
    ],
  },
];

const END: ToolGroup[] = [
  {
    label: 'Rehearse, check and export',
    items: [
      { id: 'view.run', icon: 'play', text: 'Run', label: 'Run: rehearse one item in the Run tab' },
      { id: 'view.readiness', icon: 'check-shield', text: 'Check', label: 'Check: readiness checklists and report' },
      { menu: 'export', icon: 'download', text: 'Export', label: 'Export the workflow, its diagram or its report, or hand it to an engine', items: EXPORTS },
    ],
  },
  {
    label: 'View',
    items: [
      { id: 'view.fit', icon: 'fit' },
      { id: 'view.layout', icon: 'layout' },
      { id: 'view.minimap', icon: 'map' },
    ],
  },
  {
    label: 'Settings and help',
    items: [
      { id: 'view.theme', icon: 'moon' },
      { id: 'view.settings', icon: 'settings' },
      { id: 'help.shortcuts', icon: 'keyboard' },
    ],
  },
];

interface ToolState {
  disabled: Partial<Record<CommandId, boolean>>;
  pressed: Partial<Record<CommandId, boolean>>;
  /** A different icon or name while the app is in some state (the theme button, the minimap). */
  override: Partial<Record<CommandId, Partial<ToolButtonSpec>>>;
}

function useToolState(): ToolState {
  const hasSelection = useUi((s) => s.selectedNodes.size + s.selectedEdges.size > 0);
  const hasNodeSelection = useUi((s) => s.selectedNodes.size > 0);
  const minimap = useUi((s) => s.minimap);
  const theme = useResolvedTheme();
  const { canUndo, canRedo } = useHistory();
  return {
    disabled: {
      'edit.undo': !canUndo,
      'edit.redo': !canRedo,
      'edit.cut': !hasNodeSelection,
      'edit.copy': !hasNodeSelection,
      'edit.duplicate': !hasNodeSelection,
      'edit.delete': !hasSelection,
    },
    pressed: { 'view.minimap': minimap },
    override: {
      'view.minimap': { label: minimap ? 'Hide minimap' : 'Show minimap' },
      'view.theme': theme === 'dark' ? { icon: 'sun', label: 'Switch to light theme' } : { icon: 'moon', label: 'Switch to dark theme' },
    },
  };
}

function ToolButton({ spec, state }: { spec: ToolButtonSpec; state: ToolState }) {
  const app = useApp();
  const s = { ...spec, ...state.override[spec.id] };
  const name = s.label ?? commandLabel(s.id);
  return (
    <button
      type="button"
      className={s.text ? 'tool-btn has-text' : 'tool-btn'}
      onClick={() => app.run(s.id)}
      disabled={state.disabled[s.id]}
      title={commandTitle(s.id, name)}
      aria-label={s.text ? undefined : name}
      aria-pressed={state.pressed[s.id]}
      data-testid={`tb-${s.id}`}
    >
      <Icon name={s.icon} size={s.text ? 15 : 17} />
      {s.text ? <span className="tool-text">{s.text}</span> : null}
    </button>
  );
}

function Groups({ groups, state }: { groups: ToolGroup[]; state: ToolState }) {
  return (
    <div className="tool-groups">
      {groups.map((g, i) => (
        <div key={g.label} className="tool-group" role="group" aria-label={g.label}>
          {i > 0 ? <span className="tool-sep" aria-hidden="true" /> : null}
          {g.items.map((item) =>
            'menu' in item ? (
              <ToolMenu key={item.menu} id={item.menu} icon={item.icon} text={item.text} label={item.label} items={item.items} />
            ) : (
              <ToolButton key={item.id} spec={item} state={state} />
            ),
          )}
        </div>
      ))}
    </div>
  );
}

export function Toolbar() {
  const name = useDoc((s) => s.workflow?.name ?? '');
  const dirty = useSession((s) => s.dirty);
  const path = useSession((s) => s.path);
  const state = useToolState();
  return (
    <header className="toolbar" role="toolbar" aria-label="Workflow commands">
      <Groups groups={START} state={state} />
      <div className="doc-title" title={path ?? 'Not saved yet'}>
        {dirty && (
          <span className="dirty-dot" aria-label="Unsaved changes">
            •
          </span>
        )}
        <span className="doc-name">{displayText(name, 80, 'Untitled workflow')}</span>
      </div>
      <Groups groups={END} state={state} />
    </header>
  );
}
