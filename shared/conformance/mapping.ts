// Which step of the workflow each activity of the log is. In order: the user's mapping (a --map file,
// or the one saved in the workflow), the step's id, the step's label compared without regard to case,
// spaces, underscores and dashes. An activity nothing maps stays in the log as a step the design does
// not have, and is listed: it is never dropped.
import type { Workflow, WorkflowNode } from '../model/schema';

export type MappedBy = 'map' | 'id' | 'label';

export interface ActivityMatch {
  activity: string;
  nodeId: string | null;
  by: MappedBy | null;
  /** Why an activity is not mapped, when there is more to say than "no step is called that". */
  note?: string;
}

/** A mapping file (`--map`) or the workflow's `conformance.activities`: activity → node id. */
export type ActivityMap = Readonly<Record<string, string>>;

export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingError';
  }
}

/** `Send  Reply`, `send_reply` and `send-reply` → `sendreply`. */
export function labelKey(text: string): string {
  return text.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Reads a mapping file: `{ "activities": { "Ticket created": "n1" } }`, or the inner object alone.
 * Throws MappingError for anything else. Node ids are checked by mappingProblems().
 */
export function parseMappingFile(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new MappingError(`The mapping is not valid JSON: ${(e as Error).message}`);
  }
  if (!isPlainObject(value)) throw new MappingError('The mapping must be a JSON object: { "activities": { "<activity>": "<step id>" } }.');
  const inner = isPlainObject(value.activities) ? value.activities : value;
  const out: Record<string, string> = Object.create(null);
  for (const [activity, nodeId] of Object.entries(inner)) {
    if (typeof nodeId !== 'string' || !nodeId) throw new MappingError(`The mapping of "${activity}" must be a step id (text), like "n4".`);
    out[activity] = nodeId;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Entries that name a step the workflow does not have, as messages. */
export function mappingProblems(wf: Pick<Workflow, 'nodes'>, map: ActivityMap): string[] {
  const ids = new Set(wf.nodes.map((n) => n.id));
  return Object.entries(map)
    .filter(([, nodeId]) => !ids.has(nodeId))
    .map(([activity, nodeId]) => `"${activity}" is mapped to "${nodeId}", but the workflow has no step with that id.`);
}

/** The workflow's own mapping (`conformance.activities`), or an empty one. */
export function savedMapping(wf: Workflow): Record<string, string> {
  const section = (wf as { conformance?: { activities?: unknown } }).conformance;
  const activities = section?.activities;
  if (!isPlainObject(activities)) return {};
  const out: Record<string, string> = Object.create(null);
  for (const [k, v] of Object.entries(activities)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Maps each activity, in the order given. Entries of `map` naming a missing step are not used. */
export function mapActivities(wf: Pick<Workflow, 'nodes'>, activities: readonly string[], map: ActivityMap = {}): ActivityMatch[] {
  const byId = new Map<string, WorkflowNode>();
  const byLabel = new Map<string, WorkflowNode[]>();
  for (const node of wf.nodes) {
    if (!byId.has(node.id)) byId.set(node.id, node);
    const key = labelKey(node.label);
    if (!key) continue;
    const list = byLabel.get(key);
    if (list) list.push(node);
    else byLabel.set(key, [node]);
  }
  return activities.map((activity): ActivityMatch => {
    const mapped = Object.prototype.hasOwnProperty.call(map, activity) ? map[activity] : undefined;
    if (mapped !== undefined && byId.has(mapped)) return { activity, nodeId: mapped, by: 'map' };
    if (byId.has(activity)) return { activity, nodeId: activity, by: 'id' };
    const candidates = byLabel.get(labelKey(activity)) ?? [];
    if (candidates.length === 1) return { activity, nodeId: candidates[0].id, by: 'label' };
    if (candidates.length > 1) {
      const ids = candidates.map((n) => n.id).join(', ');
      return { activity, nodeId: null, by: null, note: `${candidates.length} steps have this name (${ids}): map it to one of them` };
    }
    return { activity, nodeId: null, by: null };
  });
}

/** The workflow with `map` saved as its mapping (`conformance.activities`), over the entries it had. */
export function withSavedMapping(wf: Workflow, map: ActivityMap): Workflow {
  const section = ((wf as { conformance?: Record<string, unknown> }).conformance ?? {}) as Record<string, unknown>;
  return { ...wf, conformance: { ...section, activities: { ...savedMapping(wf), ...map } } } as Workflow;
}
