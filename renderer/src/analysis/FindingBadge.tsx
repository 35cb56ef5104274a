// The small badge that marks an element with findings: the count, coloured by the worst severity,
// with a tooltip listing them. An element whose findings are all suppressed gets a muted mark, so a
// suppression is never invisible.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './analysis.css';
import type { Severity } from '../../../shared/analysis/types';
import { Icon } from '../chrome/icons';
import type { FindingSummary } from './findingIndex';

export const SEVERITY_ICON: Record<Severity, string> = { error: 'circle-x', warn: 'alert', info: 'info' };

export function SeverityIcon({ severity, size = 14 }: { severity: Severity; size?: number }) {
  return <Icon name={SEVERITY_ICON[severity]} size={size} className={`sev-icon sev-${severity}`} />;
}

export function FindingBadge({ summary, testId, className }: { summary: FindingSummary; testId: string; className?: string }) {
  const severity = summary.severity ?? 'suppressed';
  return (
    <span
      className={`finding-badge sev-${severity}${className ? ` ${className}` : ''}`}
      data-testid={testId}
      data-severity={severity}
      title={summary.text}
      role="img"
      aria-label={summary.text.split('\n')[0] + (summary.suppressed ? `, ${summary.suppressed} suppressed` : '')}
    >
      {summary.severity ? <Icon name={SEVERITY_ICON[summary.severity]} size={11} /> : <Icon name="eye-off" size={11} />}
      {summary.count ? <span className="finding-badge-count">{summary.count}</span> : null}
    </span>
  );
}
