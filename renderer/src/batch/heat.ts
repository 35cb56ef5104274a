// The batch heat map, as pure functions: each step's heat (how often items entered it, or how long
// they spent there on average) on a scale of five levels, and each link's width by how often items
// followed it. Heat objects are reused while a step's heat is unchanged, so a step re-renders only
// when its own colour or figure changes (see hooks.tsx).
import { minutesText } from '../../../shared/simulation/batch-text';
import { thousands } from '../../../shared/text';
import type { BatchMetrics } from '../../../shared/simulation/metrics-schema';

export const HEAT_MODES = ['off', 'visits', 'time'] as const;
export type HeatMode = (typeof HEAT_MODES)[number];

/** Levels 1…HEAT_LEVELS colour steps and widen links; 0 is "none" (never reached, or no time spent). */
export const HEAT_LEVELS = 5;

export interface NodeHeat {
  /** 0 (none) to HEAT_LEVELS (the hottest). */
  level: number;
  /** Whether any item entered the step. */
  reached: boolean;
  /** The figure the step wears: "1,234" visits or "4 min" on average. */
  text: string;
  /** The same in a sentence, for the tooltip. */
  title: string;
}

/** What a step shows while the heat map is off, or when the batch does not know it (added since). */
export const NO_HEAT: NodeHeat = Object.freeze({ level: -1, reached: false, text: '', title: '' });

/**
 * The level of `value` on a linear scale up to `max`: 0 for nothing, else 1…HEAT_LEVELS. Linear, so
 * that the step where items really wait stands out; any value above zero is at least level 1, so a
 * step that was used never looks unused.
 */
export function heatLevel(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil((value / max) * HEAT_LEVELS - 1e-9)));
}

function maxOf(values: Record<string, number>): number {
  let max = 0;
  for (const v of Object.values(values)) if (v > max) max = v;
  return max;
}

/** A virtual duration in seconds, in words ("0.2 s", "4 min", "1 h 16 min"). */
export function secondsText(seconds: number): string {
  return minutesText(seconds / 60);
}

export interface HeatScale {
  mode: Exclude<HeatMode, 'off'>;
  /** The value of the hottest level, as the legend writes it. */
  maxText: string;
  /** The most traversals of a link. */
  edgeMax: number;
  edgeMaxText: string;
}

export function heatScale(metrics: BatchMetrics, mode: Exclude<HeatMode, 'off'>): HeatScale {
  const edgeMax = maxOf(metrics.edgeTraversals);
  const maxText = mode === 'visits' ? `${thousands(maxOf(metrics.nodeVisits))} visits` : `${secondsText(maxOf(metrics.nodeMeanSeconds))} on average`;
  return { mode, maxText, edgeMax, edgeMaxText: `${thousands(edgeMax)} items` };
}

function sameHeat(a: NodeHeat | undefined, b: NodeHeat): a is NodeHeat {
  return !!a && a.level === b.level && a.reached === b.reached && a.text === b.text && a.title === b.title;
}

/**
 * Every step's heat for a mode. `previous` is the map last returned: a step whose heat is unchanged
 * keeps its object, and an unchanged map is returned as it was.
 */
export function nodeHeats(metrics: BatchMetrics | null, mode: HeatMode, previous: ReadonlyMap<string, NodeHeat>): ReadonlyMap<string, NodeHeat> {
  if (!metrics || mode === 'off') return previous.size ? new Map() : previous;
  const values = mode === 'visits' ? metrics.nodeVisits : metrics.nodeMeanSeconds;
  const max = maxOf(values);
  const runs = metrics.runs;
  const next = new Map<string, NodeHeat>();
  let changed = previous.size !== Object.keys(values).length;
  for (const [id, value] of Object.entries(values)) {
    const visits = metrics.nodeVisits[id] ?? 0;
    const reached = visits > 0;
    const heat: NodeHeat = !reached
      ? { level: 0, reached, text: '0', title: 'No item reached this step.' }
      : mode === 'visits'
        ? {
            level: heatLevel(value, max),
            reached,
            text: thousands(value),
            title: `Items entered this step ${thousands(value)} ${value === 1 ? 'time' : 'times'} in ${thousands(runs)} ${runs === 1 ? 'item' : 'items'}.`,
          }
        : {
            level: heatLevel(value, max),
            reached,
            text: secondsText(value),
            title: `Items spent ${secondsText(value)} here on average (virtual time), over ${thousands(visits)} ${visits === 1 ? 'visit' : 'visits'}.`,
          };
    const old = previous.get(id);
    if (sameHeat(old, heat)) next.set(id, old);
    else {
      next.set(id, heat);
      changed = true;
    }
  }
  return changed ? next : previous;
}

/** Every link's width level (0 for never followed, else 1…HEAT_LEVELS); an unchanged map is returned as it was. */
export function edgeHeats(metrics: BatchMetrics | null, mode: HeatMode, previous: ReadonlyMap<string, number>): ReadonlyMap<string, number> {
  if (!metrics || mode === 'off') return previous.size ? new Map() : previous;
  const max = maxOf(metrics.edgeTraversals);
  const next = new Map<string, number>();
  let changed = previous.size !== Object.keys(metrics.edgeTraversals).length;
  for (const [id, n] of Object.entries(metrics.edgeTraversals)) {
    const level = heatLevel(n, max);
    next.set(id, level);
    if (previous.get(id) !== level) changed = true;
  }
  return changed ? next : previous;
}
