// Types of the connector catalog: the systems a workflow can connect to and what each action does.

export const EFFECTS = ['read', 'write', 'send', 'delete', 'trigger', 'approve'] as const;
export type Effect = (typeof EFFECTS)[number];

export const DATA_CATEGORIES = ['personal', 'financial', 'medical', 'legal', 'security'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export interface ConnectorAction {
  /** The scope string that names the action and that a connection must grant, e.g. `tickets.reply`. */
  scope: string;
  label: string;
  effect: Effect;
  /** The action sends or shows something to a customer. */
  customerFacing: boolean;
  /** Sensitive data categories the action reads or writes. */
  data: DataCategory[];
  /** One sentence on what the action does, shown in the Connections panel. */
  description?: string;
  /** Input fields the action takes (integration steps map them), e.g. ["ticketId", "body"]. */
  inputs?: string[];
  /** For reads: the sample data set the mock reads from (resources/sample-data/<set>.json). */
  dataset?: string;
  /**
   * Nobody knows what the action really does (an imported node Flowgate has no mapping for): its
   * `effect` is a sensitive stand-in, and `integration/unknown-effect` says so.
   */
  unknownEffect?: boolean;
}

export interface ConnectorDefinition {
  id: string;
  label: string;
  description: string;
  /** The name of the icon shown next to the connector's name, from the app's SVG set (renderer/src/chrome/icons.tsx). */
  icon: string;
  actions: ConnectorAction[];
  /** True for connectors defined by the user in a workflow file rather than shipped. */
  custom?: boolean;
}
