// A batch's charts as React SVG (no SVG strings, no HTML from data): the outcomes, the cycle-time
// histogram and the reviewers' workload. Labels and values are written out, so each chart reads
// without its colours; colours come from the theme through CSS classes (batch.css).
import { displayText } from '../../../shared/model/display-text';
import { percent, stopLabel } from '../../../shared/simulation/batch-text';
import { thousands } from '../../../shared/text';
import { CYCLE_BUCKETS_MINUTES } from '../../../shared/simulation/metrics';
import type { BatchMetrics, CycleBucket } from '../../../shared/simulation/metrics-schema';

/** The charts' drawing width; they scale to the panel's width. */
const WIDTH = 320;
const ROW = 22;

export type BarTone = 'ok' | 'warn' | 'danger' | 'muted' | 'accent' | 'violet';

export interface Bar {
  key: string;
  label: string;
  value: number;
  display: string;
  tone: BarTone;
}

const OUTCOME_TONES: Record<string, BarTone> = { resolved: 'ok', approved: 'ok', done: 'ok', escalated: 'warn', rejected: 'danger' };

export function outcomeBars(m: BatchMetrics): Bar[] {
  const bars: Bar[] = Object.entries(m.outcomes).map(([o, n]) => ({
    key: `o:${o}`,
    label: displayText(o, 40, o),
    value: n,
    display: `${thousands(n)} · ${percent(n, m.runs)}`,
    tone: OUTCOME_TONES[o] ?? 'accent',
  }));
  for (const [code, n] of Object.entries(m.stopped)) bars.push({ key: `s:${code}`, label: stopLabel(code), value: n, display: `${thousands(n)} · ${percent(n, m.runs)}`, tone: 'muted' });
  // Items that never entered are counted apart from outcomes and stops, and shown apart at the end.
  if (m.notEntered) bars.push({ key: 'not-entered', label: stopLabel('not-entered'), value: m.notEntered, display: `${thousands(m.notEntered)} · ${percent(m.notEntered, m.runs)}`, tone: 'muted' });
  return bars;
}

function clip(text: string, chars: number): string {
  return text.length > chars ? `${text.slice(0, chars - 1)}…` : text;
}

/**
 * A label in lines of at most `chars` characters, broken between words ("stopped: an error led
 * nowhere" → "stopped: an error", "led nowhere"); what does not fit in `maxLines` ends with "…".
 */
export function wrapLabel(text: string, chars: number, maxLines = 2): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= chars || !line) line = next;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.map((l) => clip(l, chars));
  const kept = lines.slice(0, maxLines);
  // The next line's first word did not fit on the last one, so this always ends in "…".
  kept[maxLines - 1] = clip(`${kept[maxLines - 1]} ${lines[maxLines]}`, chars);
  return kept;
}

const LABEL_CHARS = 19;
const LINE = 12;

/** Horizontal bars: label (wrapped on up to two lines), bar, value. */
export function BarChart({ bars, title, subtitle, testId }: { bars: Bar[]; title: string; subtitle?: string; testId: string }) {
  const labelW = 112;
  const valueW = 96;
  const barW = WIDTH - labelW - valueW - 8;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const rows = bars.map((b) => ({ bar: b, lines: wrapLabel(b.label, LABEL_CHARS) }));
  const tops: number[] = [];
  let height = 2;
  for (const r of rows) {
    tops.push(height);
    height += ROW + (r.lines.length - 1) * LINE;
  }
  height = Math.max(ROW, height + 2);
  return (
    <figure className="batch-chart" data-testid={testId}>
      <figcaption className="batch-chart-title">
        {title}
        {subtitle ? <span className="fg-panel-hint batch-chart-subtitle">{subtitle}</span> : null}
      </figcaption>
      {bars.length ? (
        <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} className="batch-svg">
          {rows.map(({ bar: b, lines }, i) => {
            // The bar sits in the middle of its label's lines.
            const y = tops[i] + ((lines.length - 1) * LINE) / 2;
            const w = max > 0 ? Math.max(b.value > 0 ? 2 : 0, (b.value / max) * barW) : 0;
            return (
              <g key={b.key}>
                <title>{`${b.label}: ${b.display}`}</title>
                <text x={labelW - 6} y={tops[i] + 14} className="batch-svg-label" textAnchor="end">
                  {lines.map((l, j) => (
                    <tspan key={j} x={labelW - 6} dy={j ? LINE : 0}>
                      {l}
                    </tspan>
                  ))}
                </text>
                <rect x={labelW} y={y + 4} width={barW} height={13} rx={3} className="batch-svg-track" />
                <rect x={labelW} y={y + 4} width={w} height={13} rx={3} className={`batch-svg-bar tone-${b.tone}`} />
                <text x={labelW + barW + 6} y={y + 14} className="batch-svg-value">
                  {b.display}
                </text>
              </g>
            );
          })}
        </svg>
      ) : (
        <p className="fg-panel-empty">Nothing to show.</p>
      )}
    </figure>
  );
}

const AXIS: Record<number, string> = { 0: '0', 1: '1m', 5: '5m', 15: '15m', 30: '30m', 60: '1h', 120: '2h', 240: '4h', 480: '8h', 1440: '1d', 2880: '2d', 10080: '7d' };

/** A bucket bound as a number and a unit: minutes below an hour, hours below a day, then days. */
function bound(minutes: number): [number, string] {
  if (minutes < 60) return [minutes, 'min'];
  if (minutes < 1440) return [minutes / 60, 'h'];
  const days = minutes / 1440;
  return [days, days === 1 ? 'day' : 'days'];
}

/** "under 1 min", "1–5 min", "30 min–1 h", "1–2 days", "7 days or more": the range of bucket i. */
export function bucketText(i: number): string {
  const [from, fromUnit] = bound(CYCLE_BUCKETS_MINUTES[i]);
  const next = CYCLE_BUCKETS_MINUTES[i + 1];
  if (next === undefined) return `${from} ${fromUnit} or more`;
  const [to, toUnit] = bound(next);
  if (i === 0) return `under ${to} ${toUnit}`;
  const sameUnit = fromUnit === toUnit || (fromUnit === 'day' && toUnit === 'days');
  return sameUnit ? `${from}–${to} ${toUnit}` : `${from} ${fromUnit}–${to} ${toUnit}`;
}

/** The buckets worth drawing: from the first with items to the last (all of them when there are none). */
export function shownBuckets(histogram: readonly CycleBucket[]): { index: number; bucket: CycleBucket }[] {
  const all = histogram.map((bucket, index) => ({ index, bucket }));
  const first = all.findIndex((b) => b.bucket.items > 0);
  if (first === -1) return all;
  const last = all.findLastIndex((b) => b.bucket.items > 0);
  // At least four columns, so a batch whose items all took about as long still reads as a histogram.
  const end = Math.min(all.length - 1, Math.max(last, first + 3));
  return all.slice(Math.max(0, Math.min(first, end - 3)), end + 1);
}

/** Columns of items by cycle time (virtual), in the metrics' fixed buckets. */
export function CycleHistogram({ metrics, testId }: { metrics: BatchMetrics; testId: string }) {
  const title = 'Cycle time (virtual), items per range';
  const histogram = metrics.cycleTimeHistogram;
  if (!histogram) {
    return (
      <figure className="batch-chart" data-testid={testId}>
        <figcaption className="batch-chart-title">{title}</figcaption>
        <p className="fg-panel-empty">This batch was kept before Flowgate drew cycle-time histograms; run it again to see one.</p>
      </figure>
    );
  }
  const cols = shownBuckets(histogram);
  const height = 150;
  const left = 4;
  const top = 16;
  const bottom = 22;
  const plotH = height - top - bottom;
  const colW = (WIDTH - left * 2) / cols.length;
  const max = Math.max(1, ...cols.map((c) => c.bucket.items));
  const withCounts = colW >= 30;
  const end: number | undefined = CYCLE_BUCKETS_MINUTES[cols[cols.length - 1].index + 1];
  return (
    <figure className="batch-chart" data-testid={testId}>
      <figcaption className="batch-chart-title">{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} className="batch-svg">
        <line x1={left} x2={WIDTH - left} y1={top + plotH + 0.5} y2={top + plotH + 0.5} className="batch-svg-axis" />
        {cols.map(({ index, bucket }, i) => {
          const h = bucket.items > 0 ? Math.max(2, (bucket.items / max) * plotH) : 0;
          const x = left + i * colW;
          return (
            <g key={index}>
              <title>{`${bucketText(index)}: ${thousands(bucket.items)} ${bucket.items === 1 ? 'item' : 'items'} (${percent(bucket.items, metrics.runs)})`}</title>
              <rect x={x + 2} y={top} width={colW - 4} height={plotH} className="batch-svg-hit" />
              <rect x={x + 2} y={top + plotH - h} width={colW - 4} height={h} rx={2} className="batch-svg-bar tone-accent" />
              {withCounts && bucket.items > 0 ? (
                <text x={x + colW / 2} y={top + plotH - h - 4} className="batch-svg-count" textAnchor="middle">
                  {compact(bucket.items)}
                </text>
              ) : null}
              <line x1={x} x2={x} y1={top + plotH} y2={top + plotH + 4} className="batch-svg-axis" />
              <text x={i === 0 ? x + 1 : x} y={height - 6} className="batch-svg-label" textAnchor={i === 0 ? 'start' : 'middle'}>
                {AXIS[bucket.fromMinutes] ?? String(bucket.fromMinutes)}
              </text>
            </g>
          );
        })}
        {/* The range's upper end, when it has one: the labels mark the columns' edges. */}
        {end !== undefined ? (
          <text x={WIDTH - left} y={height - 6} className="batch-svg-label" textAnchor="end">
            {AXIS[end] ?? String(end)}
          </text>
        ) : null}
      </svg>
    </figure>
  );
}

/** 1234 → "1.2k", so counts fit above narrow columns. */
function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 10_000) return `${(Math.round(n / 100) / 10).toString()}k`;
  return `${Math.round(n / 1000)}k`;
}

/** Per reviewer role: the gate visits split by decision, and the hours items waited there. */
export function WorkloadChart({ metrics, testId }: { metrics: BatchMetrics; testId: string }) {
  const title = 'Reviewer workload';
  const roles = Object.entries(metrics.reviewerWorkload);
  const labelW = 112;
  const valueW = 96;
  const barW = WIDTH - labelW - valueW - 8;
  const max = Math.max(1, ...roles.map(([, w]) => w.items));
  const height = Math.max(1, roles.length) * ROW + 4;
  return (
    <figure className="batch-chart" data-testid={testId}>
      <figcaption className="batch-chart-title">{title}</figcaption>
      {roles.length ? (
        <>
          <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={title} className="batch-svg">
            {roles.map(([role, w], i) => {
              const y = 2 + i * ROW;
              const parts = [
                { tone: 'ok', n: w.approved },
                { tone: 'danger', n: w.rejected },
                { tone: 'warn', n: w.timedOut },
              ];
              let x = labelW;
              return (
                <g key={role}>
                  <title>{`${role}: ${thousands(w.items)} items at the gate — ${thousands(w.approved)} approved, ${thousands(w.rejected)} rejected, ${thousands(w.timedOut)} timed out; items waited ${thousands(w.hours)} h in all`}</title>
                  <text x={labelW - 6} y={y + 14} className="batch-svg-label" textAnchor="end">
                    {clip(displayText(role, 40, role), 19)}
                  </text>
                  <rect x={labelW} y={y + 4} width={barW} height={13} rx={3} className="batch-svg-track" />
                  {parts.map((p) => {
                    const wpx = (p.n / max) * barW;
                    const rect = <rect key={p.tone} x={x} y={y + 4} width={wpx} height={13} className={`batch-svg-bar tone-${p.tone}`} />;
                    x += wpx;
                    return rect;
                  })}
                  <text x={labelW + barW + 6} y={y + 14} className="batch-svg-value">
                    {`${thousands(w.items)} · ${thousands(Math.round(w.hours))} h`}
                  </text>
                </g>
              );
            })}
          </svg>
          <p className="batch-legend">
            <span className="batch-key tone-ok" /> approved <span className="batch-key tone-danger" /> rejected <span className="batch-key tone-warn" /> timed out · h: hours items waited for a decision
          </p>
        </>
      ) : (
        <p className="fg-panel-empty">No item reached an approval.</p>
      )}
    </figure>
  );
}
