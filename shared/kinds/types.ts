// What every node kind declares once: its look, its outputs, its defaults and the actions it needs.
import type { ActionRef, ConfigOf, NodeKind, Workflow } from '../model/schema';

export interface OutputHandle {
  id: string;
  label: string;
}

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
  /** Output handles, in display order; decisions derive them from their rules. */
  outputs(config: ConfigOf<K>): OutputHandle[];
  /** One line describing the node's config, shown on the canvas. */
  summary(config: ConfigOf<K>, workflow: Pick<Workflow, 'connections'>): string;
  /** The connector actions the step needs its connections to grant. */
  requiredActions(config: ConfigOf<K>): ActionRef[];
  /** Whether the node accepts incoming edges (intakes do not). */
  acceptsInput: boolean;
}
