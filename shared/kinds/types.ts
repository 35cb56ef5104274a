// What every node kind declares once: its look, its outputs, its defaults and the actions it needs.
import type { ActionRef, ConfigOf, NodeKind, Workflow } from '../model/schema';

export interface OutputHandle {
  readonly id: string;
  readonly label: string;
}

/**
 * A fixed list of outputs or actions, made once: the analysis asks for them for every step. Read only by
 * its type, not frozen: V8 iterates a frozen array more slowly (an object per step of a for-of loop).
 */
export function fixed<T>(...items: T[]): readonly T[] {
  return items;
}

/** No actions (or no outputs): one shared empty list. */
export const NONE: readonly never[] = [];

export interface KindDefinition<K extends NodeKind = NodeKind> {
  kind: K;
  label: string;
  /** One sentence for the palette tooltip. */
  description: string;
  /** Name of the icon the renderer draws for the kind. */
  icon: string;
  /** Accent colour (hex), readable on light and dark backgrounds. */
  colour: string;
  /** Config of a node freshly dropped from the palette. */
  defaultConfig(): ConfigOf<K>;
  /** Output handles, in display order; decisions derive them from their rules. Read only: kinds with fixed outputs return one shared list. */
  outputs(config: ConfigOf<K>): readonly OutputHandle[];
  /** One line describing the node's config, shown on the canvas. */
  summary(config: ConfigOf<K>, workflow: Pick<Workflow, 'connections'>): string;
  /** The connector actions the step needs its connections to grant. */
  requiredActions(config: ConfigOf<K>): readonly ActionRef[];
  /** Whether the node accepts incoming edges (intakes do not). */
  acceptsInput: boolean;
}
