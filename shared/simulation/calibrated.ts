// A batch calibrated from an event log (docs/CONFORMANCE.md, "Calibration"): the simulation section's
// `handles` (how often each step left by each output) and `durations` (how long each step took), as
// the engine uses them. `calibrationFor` keeps what still fits the design — steps that exist, outputs
// they still have, kinds whose way out the world decides — and says what it left out. `StepDraws`
// draws, at each visit of a step, its output and its time, on a random stream of the run's own, so
// that the engine's other draws (reviewers, jitter) are the ones an uncalibrated run makes.
import { outputsOf } from '../kinds/registry';
import type { Workflow } from '../model/schema';
import { logNormal, seededRandom, type Random } from './random';
import type { SimulationSection } from './scenario';

/** Output handle → share (they need not add up to 1: a draw is in proportion to them). */
export type HandleShares = Readonly<Record<string, number>>;

/** How long a step takes, in minutes: a log-normal with this median and 90th percentile. */
export interface StepMinutes {
  median: number;
  p90: number;
}

export interface StepCalibration {
  /** Node id → the shares of its outputs (AI steps, integrations, decisions). */
  handles: Readonly<Record<string, HandleShares>>;
  /** Node id → its time (every kind but approvals, which take their reviewer's time). */
  minutes: Readonly<Record<string, StepMinutes>>;
}

/** Kinds whose output a calibrated batch draws from the log's shares (approvals follow reviewer profiles). */
const FORCED_KINDS = new Set(['ai', 'integration', 'decision']);

/**
 * The part of the section's calibration that fits the workflow as it is now, and what was left out in
 * words (a step removed or changed since the log was read). A decision is forced only while it has
 * exactly the branches the log was read against; an output an AI step or integration does not have
 * is dropped, so the others are drawn in proportion; a step left with no share above 0 is not forced.
 * `calibration` is null when nothing is left.
 */
export function calibrationFor(wf: Pick<Workflow, 'nodes'>, section: Pick<SimulationSection, 'handles' | 'durations'>): { calibration: StepCalibration | null; leftOut: string[] } {
  const byId = new Map(wf.nodes.map((n) => [n.id, n]));
  const leftOut: string[] = [];
  const handles: Record<string, HandleShares> = {};
  for (const [nodeId, shares] of Object.entries(section.handles ?? {})) {
    const node = byId.get(nodeId);
    if (!node) {
      leftOut.push(`The calibrated outputs of "${nodeId}" are not used: the workflow has no such step any more.`);
      continue;
    }
    if (!FORCED_KINDS.has(node.kind)) {
      leftOut.push(`The calibrated outputs of "${node.label || nodeId}" are not used: only AI steps, integrations and decisions take their outputs from a log.`);
      continue;
    }
    const outputs = new Set(outputsOf(node).map((h) => h.id));
    // A decision whose branches changed since the log was read is decided by its rules: the log says
    // nothing about a new branch, and where the items of a removed one would go now is the rules' call.
    if (node.kind === 'decision' && (Object.keys(shares).length !== outputs.size || Object.keys(shares).some((h) => !outputs.has(h)))) {
      leftOut.push(`"${node.label || nodeId}" has other branches than when the log was read: its rules decide, not the log's shares.`);
      continue;
    }
    const kept: Record<string, number> = {};
    let total = 0;
    for (const [handle, share] of Object.entries(shares)) {
      if (!outputs.has(handle)) {
        if (share > 0) leftOut.push(`"${node.label || nodeId}" has no "${handle}" output any more: its share from the log is left out.`);
        continue;
      }
      kept[handle] = share;
      total += share;
    }
    if (total > 0) handles[nodeId] = kept;
  }
  const minutes: Record<string, StepMinutes> = {};
  for (const [nodeId, d] of Object.entries(section.durations ?? {})) {
    const node = byId.get(nodeId);
    if (!node) {
      leftOut.push(`The calibrated time of "${nodeId}" is not used: the workflow has no such step any more.`);
      continue;
    }
    if (node.kind === 'approval') continue; // an approval takes its reviewer's time (reviewer profiles)
    minutes[nodeId] = { median: d.median, p90: d.p90 };
  }
  const calibration = Object.keys(handles).length || Object.keys(minutes).length ? { handles, minutes } : null;
  return { calibration, leftOut };
}

/** A calibrated step's shares as the draw walks them. */
export interface ShareTable {
  handles: string[];
  /** Running totals of the shares. */
  upTo: number[];
}

/** The draw tables of a step's shares (outputs with a share above 0, in order), or null when none is left. */
export function shareTable(shares: HandleShares): ShareTable | null {
  const table: ShareTable = { handles: [], upTo: [] };
  let total = 0;
  for (const [handle, share] of Object.entries(shares)) {
    if (!(share > 0)) continue;
    total += share;
    table.handles.push(handle);
    table.upTo.push(total);
  }
  return table.handles.length ? table : null;
}

/** The index (in `table.handles`) of the output one visit leaves by: one draw, in proportion to the shares. */
export function drawHandleIndex(random: Random, table: ShareTable): number {
  const u = random.next() * table.upTo[table.upTo.length - 1];
  for (let i = 0; i < table.upTo.length; i++) if (u < table.upTo[i]) return i;
  return table.handles.length - 1;
}

/** Milliseconds one visit of a step calibrated with `minutes` takes; a median of 0 takes no time (and no draw). */
export function drawStepMs(random: Random, minutes: StepMinutes): number {
  const { median, p90 } = minutes;
  if (!(median > 0)) return 0;
  return Math.round(logNormal(random, median, Math.max(median, p90)) * 60_000);
}

// The tables of a calibration, made once per calibration rather than once per run.
const tablesCache = new WeakMap<object, Map<string, ShareTable>>();

function tablesOf(handles: Readonly<Record<string, HandleShares>> | undefined): Map<string, ShareTable> {
  if (!handles) return new Map();
  let tables = tablesCache.get(handles);
  if (!tables) {
    tables = new Map();
    for (const [nodeId, shares] of Object.entries(handles)) {
      const table = shareTable(shares);
      if (table) tables.set(nodeId, table);
    }
    tablesCache.set(handles, tables);
  }
  return tables;
}

/** Outputs and times of calibrated steps, drawn at each visit (a step in a loop draws again). */
export class StepDraws {
  private readonly tables: Map<string, ShareTable>;
  readonly random: Random;

  constructor(
    handles: Readonly<Record<string, HandleShares>> | undefined,
    private readonly minutes: Readonly<Record<string, StepMinutes>> | undefined,
    seed: number,
  ) {
    this.random = seededRandom(seed);
    this.tables = tablesOf(handles);
  }

  /** The index of the output this visit of the step leaves by (in its share table), or -1 when it has no shares. */
  handleIndex(nodeId: string): number {
    const table = this.tables.get(nodeId);
    return table ? drawHandleIndex(this.random, table) : -1;
  }

  /** The outputs a step's draws choose from (handleIndex indexes them); empty when it has no shares. */
  handles(nodeId: string): readonly string[] {
    return this.tables.get(nodeId)?.handles ?? [];
  }

  /** The output this visit of the step leaves by, in proportion to its shares; undefined when it has none. */
  handle(nodeId: string): string | undefined {
    const table = this.tables.get(nodeId);
    return table ? table.handles[drawHandleIndex(this.random, table)] : undefined;
  }

  /** Whether the step's time comes from the calibration (its own fixed times are then left out). */
  timed(nodeId: string): boolean {
    return this.minutes !== undefined && Object.prototype.hasOwnProperty.call(this.minutes, nodeId);
  }

  /**
   * Milliseconds this visit of the step takes, or undefined when it is not calibrated. A median of 0
   * (a log that shows the step done within the same second) takes no time.
   */
  ms(nodeId: string): number | undefined {
    if (!this.timed(nodeId)) return undefined;
    return drawStepMs(this.random, this.minutes![nodeId]);
  }
}
