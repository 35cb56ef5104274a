// The right-hand panels: Inspector (selection), Connections (integration layer), Properties
// (the workflow itself). The panels are props-based; edits come back through onPanelChange.
import { useEffect, useMemo, type KeyboardEvent } from 'react';
import { useBatch } from '../batch/hooks';
import { useAnalysis, useApp, useDoc, useUi } from '../app/context';
import type { PanelTab } from '../store/ui';
import { ConnectionsPanel } from '../panels/ConnectionsPanel';
import { Inspector } from '../panels/Inspector';
import { PropertiesPanel } from '../panels/PropertiesPanel';
import { RunTab } from './RunTab';
import { noteIdsOf } from '../canvas/notes/keys';

const TABS: { id: PanelTab; label: string }[] = [
  { id: 'inspector', label: 'Inspector' },
  { id: 'connections', label: 'Connections' },
  { id: 'properties', label: 'Properties' },
  { id: 'simulation', label: 'Run' },
];

export function RightSidebar() {
  const app = useApp();
  // `settled` stays put while a node is dragged, so the panels do not re-render on every frame.
  const workflow = useDoc((s) => s.settled)!;
  const tab = useUi((s) => s.tab);
  const focusConnectionId = useUi((s) => s.focusConnectionId);
  const selectedNodes = useUi((s) => s.selectedNodes);
  const selectedEdges = useUi((s) => s.selectedEdges);
  // Only ids that still exist (undo may have removed a selected step).
  const nodeIds = useMemo(() => workflow.nodes.filter((n) => selectedNodes.has(n.id)).map((n) => n.id), [workflow.nodes, selectedNodes]);
  const edgeIds = useMemo(() => workflow.edges.filter((e) => selectedEdges.has(e.id)).map((e) => e.id), [workflow.edges, selectedEdges]);
  const noteIds = useMemo(() => noteIdsOf(selectedNodes), [selectedNodes]);
  const onChange = app.onPanelChange;
  const findings = useAnalysis((s) => s.result.findings);
  const index = useAnalysis((s) => s.index);
  const ruleCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const f of findings) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
    return counts;
  }, [findings]);
  const openRule = (ruleId: string) => void app.ui.ask({ kind: 'rule', ruleId });
  // The run shows on the canvas only next to it (the single run, or the Inspector looking at a step of
  // it); the Batch, Connections and Properties tabs show the workflow plain.
  const runMode = useBatch((s) => s.mode);
  const overlay = runMode === 'single' && (tab === 'simulation' || tab === 'inspector');
  useEffect(() => app.sim.setOverlay(overlay), [app, overlay]);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    app.ui.setTab(next.id);
    document.getElementById(`tab-${next.id}`)?.focus();
  };

  return (
    <aside className="sidebar" aria-label="Details">
      <div className="tabs" role="tablist" aria-label="Panels" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            role="tab"
            type="button"
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={`tab${tab === t.id ? ' is-active' : ''}`}
            onClick={() => app.ui.setTab(t.id)}
            data-testid={`tab-${t.id}`}
          >
            {t.label}
            {/* No count on the Inspector: a number there read like a count of problems; the panel itself says what is selected. */}
            {t.id === 'connections' && workflow.connections.length > 0 && <span className="tab-badge">{workflow.connections.length}</span>}
          </button>
        ))}
      </div>
      <div className="tabpanel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'inspector' && (
          <Inspector
            workflow={workflow}
            nodeIds={nodeIds}
            edgeIds={edgeIds}
            onChange={onChange}
            onSelectConnection={(id) => app.ui.focusConnection(id)}
            findings={index.byNode}
            onAnalysisChange={app.commitAnalysisEdit}
            onOpenRule={openRule}
            noteIds={noteIds}
            onAddNextStep={app.addNextStep}
          />
        )}
        {tab === 'connections' && <ConnectionsPanel workflow={workflow} onChange={onChange} focusConnectionId={focusConnectionId} findings={index.connections} />}
        {tab === 'properties' && (
          <PropertiesPanel workflow={workflow} onChange={onChange} rules={{ counts: ruleCounts, onChange: app.commitAnalysisEdit, onOpenRule: openRule }} />
        )}
        {tab === 'simulation' && <RunTab />}
      </div>
    </aside>
  );
}
