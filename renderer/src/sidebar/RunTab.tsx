// The Run tab: a single run (replayed step by step on the canvas), a batch of many items (progress,
// results, heat map, comparison) or an event log compared with the design, one at a time so that each
// has the panel's whole height.
import { useApp } from '../app/context';
import { BatchPanel } from '../batch/BatchPanel';
import { useBatch } from '../batch/hooks';
import { radioKeys } from '../panels/radio-keys';
import type { RunMode } from '../batch/store';
import { LogPanel } from '../conformance/LogPanel';
import { SimulationPanel } from '../simulation/SimulationPanel';

const MODES: { id: RunMode; label: string; title: string }[] = [
  { id: 'single', label: 'Single run', title: 'Run one item and watch it move through the workflow' },
  { id: 'batch', label: 'Batch', title: 'Run many items at once and read what happened to them' },
  { id: 'log', label: 'Log', title: 'Compare the design with an event log of the real process' },
];
const MODE_IDS = MODES.map((m) => m.id);

export function RunTab() {
  const app = useApp();
  const mode = useBatch((s) => s.mode);
  const running = useBatch((s) => s.runningId !== null);
  return (
    <>
      <div className="run-modes-bar">
        <div className="run-modes" role="radiogroup" aria-label="What to run" onKeyDown={radioKeys(MODE_IDS, mode, app.batch.setMode)}>
          {MODES.map((m) => (
            <button
              key={m.id}
              type="button"
              role="radio"
              aria-checked={mode === m.id}
              tabIndex={mode === m.id ? 0 : -1}
              data-value={m.id}
              className={`run-mode${mode === m.id ? ' is-active' : ''}`}
              title={m.title}
              data-testid={`run-mode-${m.id}`}
              onClick={() => app.batch.setMode(m.id)}
            >
              {m.label}
              {m.id === 'batch' && running ? <span className="run-mode-dot" title="A batch is running" /> : null}
            </button>
          ))}
        </div>
      </div>
      {mode === 'single' ? <SimulationPanel /> : mode === 'batch' ? <BatchPanel /> : <LogPanel />}
    </>
  );
}
