// The heat map's legend on the canvas: what the colours and link widths mean for the batch shown, with
// a button that turns the heat map off.
// oxlint-disable-next-line import/no-unassigned-import -- a style sheet is imported for its side effect
import './heat.css';
import { thousands } from '../../../shared/text';
import { useApp } from '../app/context';
import { Icon } from '../chrome/icons';
import { HEAT_LEVELS, heatScale } from './heat';
import { useBatch } from './hooks';

const LEVELS = Array.from({ length: HEAT_LEVELS }, (_, i) => i + 1);

export function HeatLegend() {
  const app = useApp();
  const mode = useBatch((s) => s.heat);
  const shown = useBatch((s) => s.shown);
  if (mode === 'off' || !shown) return null;
  const scale = heatScale(shown.metrics, mode);
  return (
    <div className="heat-legend" data-testid="heatmap-legend" role="region" aria-label="Heat map legend">
      <div className="heat-legend-head">
        <strong>{mode === 'visits' ? 'Visits per step' : 'Mean time per step'}</strong>
        <button type="button" className="heat-legend-close" title="Turn the heat map off" aria-label="Turn the heat map off" data-testid="heatmap-legend-close" onClick={() => app.batch.setHeat('off')}>
          <Icon name="x" size={12} />
        </button>
      </div>
      <div className="heat-legend-scale" aria-hidden="true">
        {LEVELS.map((l) => (
          <span key={l} className={`heat-swatch heat-l${l}`} />
        ))}
      </div>
      <div className="heat-legend-ends">
        <span>low</span>
        <span>{scale.maxText}</span>
      </div>
      <div className="heat-legend-row">
        <span className="heat-swatch heat-unreached" aria-hidden="true" /> not reached
      </div>
      <div className="heat-legend-row">
        <svg width="40" height="12" aria-hidden="true" className="heat-legend-edges">
          <line x1="1" x2="15" y1="6" y2="6" strokeWidth="1.5" />
          <line x1="21" x2="39" y1="6" y2="6" strokeWidth="6" />
        </svg>
        links as wide as items followed them (up to {scale.edgeMaxText})
      </div>
      <div className="heat-legend-foot">
        {thousands(shown.metrics.runs)} items{shown.cancelled ? ' (cancelled)' : ''} · seed {shown.settings.seed}
      </div>
    </div>
  );
}
