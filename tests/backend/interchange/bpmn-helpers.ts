// Reading an exported BPMN back, the way Camunda's tools do (bpmn-moddle with Zeebe's extensions),
// to look at its process and its diagram in the tests.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseBpmn } from '../../../electron/backend/interchange/bpmn-lint';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';

export interface ModdleElement {
  $type: string;
  id: string;
  name?: string;
  get(name: string): unknown;
  [key: string]: unknown;
}

export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ReadBack {
  definitions: ModdleElement;
  process: ModdleElement;
  elements: ModdleElement[];
  byId: Map<string, ModdleElement>;
  shapes: { element: ModdleElement; bounds: Bounds; isMarkerVisible?: boolean }[];
  edges: { element: ModdleElement; waypoints: { x: number; y: number }[] }[];
  warnings: string[];
}

/** Parses an export and collects its flow elements, shapes and edges. */
export async function readBack(xml: string): Promise<ReadBack> {
  const { root, warnings } = await parseBpmn(xml);
  const definitions = root as ModdleElement;
  const rootElements = definitions.get('rootElements') as ModdleElement[];
  const process = rootElements.find((e) => e.$type === 'bpmn:Process')!;
  const elements = process.get('flowElements') as ModdleElement[];
  const byId = new Map(elements.map((e) => [e.id, e]));
  const diagram = (definitions.get('diagrams') as ModdleElement[])[0];
  const plane = diagram.get('plane') as ModdleElement;
  const shapes: ReadBack['shapes'] = [];
  const edges: ReadBack['edges'] = [];
  for (const di of plane.get('planeElement') as ModdleElement[]) {
    const element = di.get('bpmnElement') as ModdleElement;
    if (di.$type === 'bpmndi:BPMNShape') {
      const b = di.get('bounds') as Bounds;
      shapes.push({ element, bounds: { x: b.x, y: b.y, width: b.width, height: b.height }, isMarkerVisible: di.get('isMarkerVisible') as boolean | undefined });
    } else if (di.$type === 'bpmndi:BPMNEdge') {
      edges.push({ element, waypoints: (di.get('waypoint') as { x: number; y: number }[]).map((p) => ({ x: p.x, y: p.y })) });
    }
  }
  return { definitions, process, elements, byId, shapes, edges, warnings };
}

function overlaps(a: Bounds, b: Bounds): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** What is wrong with a diagram: overlapping shapes (a boundary event on its own task excepted), missing shapes or edges, hidden gateway markers. */
export function diagramProblems(back: ReadBack): string[] {
  const problems: string[] = [];
  const shaped = new Set(back.shapes.map((s) => s.element.id));
  const edged = new Set(back.edges.map((e) => e.element.id));
  for (const el of back.elements) {
    if (el.$type === 'bpmn:SequenceFlow') {
      if (!edged.has(el.id)) problems.push(`flow ${el.id} has no edge`);
    } else if (!shaped.has(el.id)) problems.push(`${el.id} has no shape`);
  }
  for (const s of back.shapes) {
    if (s.element.$type === 'bpmn:ExclusiveGateway' && s.isMarkerVisible !== true) problems.push(`gateway ${s.element.id} hides its marker`);
  }
  for (const e of back.edges) if (e.waypoints.length < 2) problems.push(`edge of ${e.element.id} has ${e.waypoints.length} waypoints`);
  // Sweep by x, so that large diagrams are checked quickly.
  const sorted = [...back.shapes].sort((a, b) => a.bounds.x - b.bounds.x);
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i];
    for (let j = i + 1; j < sorted.length && sorted[j].bounds.x < a.bounds.x + a.bounds.width; j++) {
      const b = sorted[j];
      const attached = (x: typeof a, y: typeof a) => (x.element.get('attachedToRef') as ModdleElement | undefined)?.id === y.element.id;
      if (attached(a, b) || attached(b, a)) continue;
      if (overlaps(a.bounds, b.bounds)) problems.push(`${a.element.id} overlaps ${b.element.id}`);
    }
  }
  return problems;
}

/** Every template the app ships. */
export function templates(): { file: string; workflow: Workflow }[] {
  const dir = 'resources/templates';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.flowgate.json'))
    .map((f) => ({ file: f, workflow: loadWorkflow(readFileSync(join(dir, f), 'utf8')).workflow }));
}

/** The workflows written out as examples in the documentation (```json blocks of *.md files in docs/). */
export function documentationExamples(): { file: string; workflow: Workflow }[] {
  const out: { file: string; workflow: Workflow }[] = [];
  for (const f of readdirSync('docs').filter((n) => n.endsWith('.md'))) {
    const text = readFileSync(join('docs', f), 'utf8');
    for (const m of text.matchAll(/```json\n([\s\S]*?)```/g)) {
      if (!m[1].includes('"flowgate.workflow"')) continue;
      out.push({ file: f, workflow: loadWorkflow(m[1]).workflow });
    }
  }
  return out;
}

/** Extension elements of a type ("zeebe:TaskDefinition") on an element. */
export function extensions(el: ModdleElement, type: string): ModdleElement[] {
  const ext = el.get('extensionElements') as ModdleElement | undefined;
  return ((ext?.get('values') as ModdleElement[] | undefined) ?? []).filter((v) => v.$type === type);
}

/** The task headers of a service task as a record. */
export function headers(el: ModdleElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of extensions(el, 'zeebe:TaskHeaders')) for (const v of h.get('values') as ModdleElement[]) out[v.get('key') as string] = v.get('value') as string;
  return out;
}
