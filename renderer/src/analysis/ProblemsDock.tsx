// The Problems panel's place below the canvas: folded to a one-line bar with the counts, or open
// at a height the user drags. Clicking a problem selects its step, so the Inspector beside it shows
// that step's form and findings (with Suppress…) while the list stays in view.
import { useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { SEVERITIES } from '../../../shared/analysis/types';
import { useAnalysis, useApp, useUi } from '../app/context';
import { Icon } from '../chrome/icons';
import { cls } from '../panels/controls';
import { ProblemsPanel } from './ProblemsPanel';

const MIN_HEIGHT = 120;

/** Opens the Properties tab at its Analysis rules section. */
function openRules(app: ReturnType<typeof useApp>) {
  app.ui.setTab('properties');
  requestAnimationFrame(() => document.getElementById('analysis-rules')?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
}

export function ProblemsDock() {
  const app = useApp();
  const result = useAnalysis((s) => s.result);
  // The analysed document, not the live one: the list redraws when the findings change, not per keystroke.
  const workflow = useAnalysis((s) => s.workflow);
  const checking = useAnalysis((s) => s.checking);
  const problems = useUi((s) => s.problems);
  const dock = useRef<HTMLElement>(null);
  const { counts } = result;
  const total = counts.error + counts.warn + counts.info;
  const worst = SEVERITIES.find((s) => counts[s] > 0) ?? null;

  const tab = (
    <button
      type="button"
      className="dock-tab"
      data-testid="tab-problems"
      aria-expanded={problems.open}
      aria-controls="problems-dock-body"
      title={problems.open ? 'Fold the Problems panel' : 'Open the Problems panel'}
      onClick={() => app.ui.setProblems({ open: !problems.open })}
    >
      <Icon name="chevron" size={12} className={cls('dock-chevron', problems.open && 'is-open')} />
      Problems
      {checking ? (
        <span className="dock-count" data-testid="problems-checking">
          checking…
        </span>
      ) : total ? (
        <span className={cls('tab-badge', worst && `sev-${worst}`)} data-testid="problems-count">
          {total}
        </span>
      ) : null}
    </button>
  );

  // Dragging the top edge sets the height; the canvas above keeps at least a third of the space.
  const onResizeStart = (e: ReactPointerEvent<HTMLDivElement>) => {
    const el = dock.current;
    const parent = el?.parentElement;
    if (!el || !parent) return;
    e.preventDefault();
    const startY = e.clientY;
    const startHeight = el.getBoundingClientRect().height;
    const max = parent.getBoundingClientRect().height * 0.67;
    const handle = e.currentTarget;
    handle.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => app.ui.setProblems({ height: Math.round(Math.min(max, Math.max(MIN_HEIGHT, startHeight + startY - ev.clientY))) });
    const stop = () => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', stop);
      handle.removeEventListener('pointercancel', stop);
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', stop);
    handle.addEventListener('pointercancel', stop);
  };

  if (!problems.open || !workflow) {
    return (
      <section className="dock is-folded" aria-label="Problems">
        <div className="problems-bar">
          {tab}
          {counts.suppressed ? <span className="dock-count">{`${counts.suppressed} suppressed`}</span> : null}
          {checking && problems.open ? <span className="dock-count">The workflow is being checked for problems.</span> : null}
        </div>
      </section>
    );
  }

  return (
    <section ref={dock} className="dock" aria-label="Problems" style={{ height: problems.height }} id="problems-dock-body">
      <div className="dock-resize" role="separator" aria-orientation="horizontal" aria-label="Resize the Problems panel" onPointerDown={onResizeStart} />
      <ProblemsPanel
        workflow={workflow}
        result={result}
        filter={problems}
        onFilter={(patch) => app.ui.setProblems(patch)}
        onFix={app.applyFix}
        onReveal={app.revealFinding}
        onOpenRule={(ruleId) => void app.ui.ask({ kind: 'rule', ruleId })}
        onOpenRules={() => openRules(app)}
        onEdit={(edit) => app.doc.workflow && app.commitAnalysisEdit(edit(app.doc.workflow))}
        barStart={tab}
        barEnd={
          <button type="button" className="icon-btn small" title="Fold the Problems panel" aria-label="Fold the Problems panel" onClick={() => app.ui.setProblems({ open: false })}>
            <Icon name="x" size={14} />
          </button>
        }
      />
    </section>
  );
}
