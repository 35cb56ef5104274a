// The sizes placement works with: what React Flow measured, else the size a step of that shape has
// (firstView.ts), and where an output's handle sits on a step, so that the step added after it starts
// level with it.
import { KINDS, outputsOf } from '../../../../shared/kinds/registry';
import type { Size } from '../../../../shared/model/placement';
import type { NodeKind, WorkflowNode } from '../../../../shared/model/schema';
import { estimatedSize } from '../firstView';

/** The measured sizes by step id (the canvas's), or none. */
export type Sizes = ReadonlyMap<string, Size>;

export function stepSize(sizes: Sizes, node: WorkflowNode): Size {
  return sizes.get(node.id) ?? estimatedSize(node);
}

/** The size a new step of a kind will have once drawn. */
export function newStepSize(kind: NodeKind): Size {
  const def = KINDS[kind];
  return estimatedSize({ id: '', kind, label: def.label, position: { x: 0, y: 0 }, config: def.defaultConfig() } as WorkflowNode);
}

/** The bottom frame of a step's outputs and the height of one output row (app.css `.step-outputs`). */
const OUTPUTS_BOTTOM = 4;
const OUTPUT_ROW = 20;

/** How far below a step's top its output `handle` sits (the middle of its row). */
export function outputHandleOffset(node: WorkflowNode, handle: string, height: number): number {
  const outputs = outputsOf(node);
  const i = Math.max(0, outputs.findIndex((h) => h.id === handle));
  return height - OUTPUTS_BOTTOM - (outputs.length - i) * OUTPUT_ROW + OUTPUT_ROW / 2;
}

/** How far below a step's top its input sits (React Flow centres a left handle). */
export function inputOffset(size: Size): number {
  return size.height / 2;
}

/** Where a step's input and each output are on it, as ELK's ports (shared/model/elk-layout.ts). */
export function stepPorts(node: WorkflowNode, size: Size): { input: number; outputs: ReadonlyMap<string, number> } {
  return { input: inputOffset(size), outputs: new Map(outputsOf(node).map((h) => [h.id, outputHandleOffset(node, h.id, size.height)])) };
}
