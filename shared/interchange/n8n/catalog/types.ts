// The vocabulary of the n8n mapping catalog: what Flowgate makes of one n8n node.
import type { DataCategory, Effect } from '../../../connectors/types';
import type { AiTask } from '../../../model/schema';
import type { N8nNode } from '../n8n-json';

/** An action an n8n node performs, as Flowgate's analysis sees it. */
export interface ActionSpec {
  /** Scope on the imported connection, in n8n's words: `gmail.message.send`. */
  scope: string;
  label: string;
  effect: Effect;
  customerFacing: boolean;
  data: DataCategory[];
  /** Nobody knows what the node does: `effect` is a sensitive stand-in. */
  unknownEffect?: boolean;
}

export type IntakeSourceName = 'form' | 'email' | 'ticket' | 'webhook' | 'schedule' | 'manual';

export type NodeRole =
  /** A trigger; `read` is what it reads through its credential (a mailbox), if anything. */
  | { role: 'intake'; source: IntakeSourceName; read?: ActionSpec }
  /** A LangChain root node or the OpenAI node: an AI step. */
  | { role: 'ai'; task: AiTask; prompt: string; output: string; labels?: string[]; fields?: string[]; model?: string }
  /** A chat or completion model sub-node; `local` when it runs on the user's own machine (Ollama). */
  | { role: 'model'; model: string; local: boolean }
  /** Memory, output parser and the like: folded into the AI step they serve. */
  | { role: 'attachment'; what: string }
  | { role: 'integration'; action: ActionSpec }
  /** A "send and wait for approval" message, or a Wait node resumed by a person. */
  | { role: 'approval'; reviewer: string; instructions: string; timeoutHours: number | null; via: string }
  | { role: 'decision' }
  | { role: 'end'; outcome: string }
  /** Reshapes data and acts on nothing outside (Set, Code, Merge, …): folded away, its edges joined. */
  | { role: 'pass' }
  /** Not part of the flow (sticky notes). */
  | { role: 'ignore' };

/** One family of n8n nodes (Gmail, Slack, HTTP Request, …): which node types it reads and what each does. */
export interface N8nFamily {
  id: string;
  /** Shown to the user: "Gmail". */
  label: string;
  /** Full node types (`n8n-nodes-base.gmail`); the agent-tool variant (`…gmailTool`) is read the same way. */
  types: string[];
  /** Credential types of n8n that connect to this system. */
  credentialTypes: string[];
  describe(node: N8nNode): NodeRole;
  /**
   * For families whose scopes are `<id>.<resource>.<operation>`: the node type and type version an
   * export writes an imported action back as (checked against n8n's node descriptions by a test).
   */
  exportAs?: { type: string; typeVersion: number; resources: boolean };
}

export function param(node: N8nNode, name: string): unknown {
  return node.parameters?.[name];
}

export function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Resource locators: {"__rl": true, "mode": "list", "value": "…"}
  if (value && typeof value === 'object' && 'value' in value) return text((value as { value: unknown }).value);
  return '';
}
