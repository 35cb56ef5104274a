// The log comparison's legend on the canvas: which log, what the link colours, the dashed links and
// the dimmed steps mean, and a button that takes the comparison off the canvas.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './conformance.css';
import { plural } from '../../../shared/text';
import { useApp } from '../app/context';
import { Icon } from '../chrome/icons';
import { useLog, useOverlayView } from './hooks';

const SWATCHES = [
  { level: 1, text: 'up to 5 %' },
  { level: 2, text: '5–20 %' },
  { level: 3, text: '20–50 %' },
  { level: 4, text: 'over 50 %' },
];

export function LogLegend() {
  const app = useApp();
  const view = useOverlayView();
  const selected = useLog((s) => s.selectedCase);
  const stale = useLog((s) => s.stale);
  if (!view) return null;
  return (
    <div className="log-legend" data-testid="log-legend" role="region" aria-label="Log comparison legend">
      <div className="log-legend-head">
        <strong title={view.fileName}>Compared with {view.fileName}</strong>
        <button type="button" className="log-legend-close" title="Take the comparison off the canvas" aria-label="Take the comparison off the canvas" onClick={() => app.log.setOverlay(false)}>
          <Icon name="x" size={12} />
        </button>
      </div>
      <div className="log-legend-sub">Links by the share of {plural(view.result.cases, 'case')} that took them{stale ? ' (updating…)' : ''}</div>
      <div className="log-legend-scale">
        {SWATCHES.map((s) => (
          <span key={s.level} className="log-legend-swatch">
            <svg width="22" height="10" aria-hidden="true">
              <line className={`log-swatch-line log-l${s.level}`} x1="1" x2="21" y1="5" y2="5" />
            </svg>
            {s.text}
          </span>
        ))}
      </div>
      <div className="log-legend-row">
        <svg width="22" height="10" aria-hidden="true">
          <line className="log-swatch-line log-l0" x1="1" x2="21" y1="5" y2="5" />
        </svg>
        no case
      </div>
      <div className="log-legend-row">
        <svg width="22" height="10" aria-hidden="true">
          <line className="log-swatch-line log-swatch-deviation" x1="1" x2="21" y1="5" y2="5" />
        </svg>
        where cases left the design
      </div>
      <div className="log-legend-row">
        <span className="log-legend-dim" aria-hidden="true" /> a step no case reached
      </div>
      {selected ? (
        <div className="log-legend-foot">
          Showing case <strong>{selected}</strong>{' '}
          <button type="button" className="log-link-button" onClick={() => app.log.selectCase(null)}>
            show all
          </button>
        </div>
      ) : null}
    </div>
  );
}
