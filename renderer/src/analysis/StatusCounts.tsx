// The status bar's analysis counts: errors and warnings (infos in the tooltip); a click opens the
// Problems panel below the canvas.
import { useAnalysis, useApp } from '../app/context';
import { cls } from '../panels/controls';
import { SeverityIcon } from './FindingBadge';
import { countText } from './problems';

export function StatusCounts() {
  const app = useApp();
  const counts = useAnalysis((s) => s.result.counts);
  const checking = useAnalysis((s) => s.checking);
  if (checking) {
    // A large workflow just opened: its analysis runs in the background (store/analysis.ts).
    return (
      <span className="status-count is-checking" data-testid="status-checking" title="The workflow is being checked for problems; the counts follow in a moment.">
        Checking…
      </span>
    );
  }
  const title = `${countText(counts)}${counts.suppressed ? `, ${counts.suppressed} suppressed` : ''}. Click to open the Problems panel.`;
  const open = () => app.ui.setProblems({ open: true });
  return (
    <>
      <button type="button" className={cls('status-count', counts.error > 0 && 'sev-error')} data-testid="status-errors" title={title} onClick={open}>
        <SeverityIcon severity="error" size={13} />
        {counts.error}
        <span className="sr-only">{counts.error === 1 ? ' error' : ' errors'}</span>
      </button>
      <button type="button" className={cls('status-count', counts.warn > 0 && 'sev-warn')} data-testid="status-warnings" title={title} onClick={open}>
        <SeverityIcon severity="warn" size={13} />
        {counts.warn}
        <span className="sr-only">{counts.warn === 1 ? ' warning' : ' warnings'}</span>
      </button>
    </>
  );
}
