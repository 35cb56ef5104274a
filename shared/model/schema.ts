// The zod schema of a workflow document (`*.flowgate.json`, schemaVersion 1).
// Objects are "loose": fields this version does not know are kept through load and save.
import { z } from 'zod';
import { DATA_CATEGORIES, EFFECTS } from '../connectors/types';

export const FORMAT = 'flowgate.workflow';
export const SCHEMA_VERSION = 1;

const id = z.string().min(1, 'must not be empty');
const text = z.string().default('');

export const positionSchema = z.looseObject({ x: z.number(), y: z.number() });

export const actionRefSchema = z.looseObject({ connection: z.string(), action: z.string() });
export type ActionRef = z.infer<typeof actionRefSchema>;

export const lintDisableSchema = z.looseObject({ rule: z.string(), reason: z.string().default('') });
export type LintDisable = z.infer<typeof lintDisableSchema>;

// ---- node configs, one per kind ----

export const INTAKE_SOURCES = ['form', 'email', 'ticket', 'webhook', 'schedule', 'manual'] as const;
export const intakeConfigSchema = z.looseObject({
  source: z.enum(INTAKE_SOURCES).default('manual'),
  connection: z.string().optional(),
  action: z.string().optional(),
  fields: z.array(z.string()).default([]),
});

export const AI_TASKS = ['classify', 'summarize', 'draft', 'extract', 'retrieve', 'route'] as const;
export type AiTask = (typeof AI_TASKS)[number];
export const aiLabelSchema = z.looseObject({ name: z.string(), keywords: z.array(z.string()).default([]) });
export const aiConfigSchema = z.looseObject({
  task: z.enum(AI_TASKS).default('classify'),
  prompt: text,
  output: z.string().default('result'),
  labels: z.array(aiLabelSchema).default([]),
  confidenceThreshold: z.number().min(0).max(1).default(0.7),
  sources: z.array(actionRefSchema).default([]),
  tools: z.array(actionRefSchema).default([]),
  /** Fields an extract step pulls out of the input. */
  fields: z.array(z.string()).optional(),
  /** A draft step's text with `{{variables}}`: the offline mock AI fills it in instead of writing a reply. */
  template: z.string().optional(),
  mode: z.enum(['suggest', 'act']).default('suggest'),
  provider: z.enum(['mock', 'external']).default('mock'),
});

export const integrationConfigSchema = z.looseObject({
  connection: z.string().default(''),
  action: z.string().default(''),
  inputs: z.record(z.string(), z.string()).default({}),
  /** The variable a read keeps what it read in; by default the data set's name in the singular. */
  output: z.string().optional(),
});

export const DECISION_OPS = ['eq', 'neq', 'in', 'contains', 'gt', 'gte', 'lt', 'lte', 'exists'] as const;
export type DecisionOp = (typeof DECISION_OPS)[number];
const conditionValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()])), z.null()]);
export const conditionSchema = z.looseObject({
  var: z.string(),
  op: z.enum(DECISION_OPS),
  value: conditionValue.optional(),
});
export type Condition = z.infer<typeof conditionSchema>;
export const whenSchema = z.union([
  z.looseObject({ all: z.array(conditionSchema) }),
  z.looseObject({ any: z.array(conditionSchema) }),
]);
export const decisionRuleSchema = z.looseObject({
  id: id.refine((v) => v !== 'else', 'a rule cannot be called "else": that is the fallback handle'),
  label: text,
  when: whenSchema.default({ all: [] }),
});
export type DecisionRule = z.infer<typeof decisionRuleSchema>;
export const decisionConfigSchema = z.looseObject({ rules: z.array(decisionRuleSchema).default([]) });

export const approvalConfigSchema = z.looseObject({
  reviewer: text,
  instructions: text,
  timeoutHours: z.number().min(0).nullable().default(24),
  /**
   * The variables the reviewer is shown. Absent: what the sensitive steps after the approval send
   * (the loader writes that list into an approval that has none; see model/approval-shows.ts).
   */
  shows: z.array(z.string()).optional(),
});

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const escalationConfigSchema = z.looseObject({
  team: text,
  reason: text,
  priority: z.enum(PRIORITIES).default('normal'),
  connection: z.string().optional(),
  action: z.string().optional(),
});

export const endConfigSchema = z.looseObject({ outcome: z.string().default('resolved') });

// ---- nodes ----

const nodeBase = {
  id,
  label: z.string(),
  position: positionSchema,
  lint: z.looseObject({ disable: z.array(lintDisableSchema).default([]) }).optional(),
};
export const intakeNodeSchema = z.looseObject({ ...nodeBase, kind: z.literal('intake'), config: intakeConfigSchema });
export const aiNodeSchema = z.looseObject({ ...nodeBase, kind: z.literal('ai'), config: aiConfigSchema });
export const integrationNodeSchema = z.looseObject({ ...nodeBase, kind: z.literal('integration'), config: integrationConfigSchema });
export const decisionNodeSchema = z.looseObject({ ...nodeBase, kind: z.literal('decision'), config: decisionConfigSchema });
export const approvalNodeSchema = z.looseObject({ ...nodeBase, kind: z.literal('approval'), config: approvalConfigSchema });
export const escalationNodeSchema = z.looseObject({ ...nodeBase, kind: z.literal('escalation'), config: escalationConfigSchema });
export const endNodeSchema = z.looseObject({ ...nodeBase, kind: z.literal('end'), config: endConfigSchema });

export const nodeSchema = z.discriminatedUnion('kind', [
  intakeNodeSchema,
  aiNodeSchema,
  integrationNodeSchema,
  decisionNodeSchema,
  approvalNodeSchema,
  escalationNodeSchema,
  endNodeSchema,
]);

export const NODE_KINDS = ['intake', 'ai', 'integration', 'decision', 'approval', 'escalation', 'end'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const edgeSchema = z.looseObject({ id, source: id, sourceHandle: z.string().default('out'), target: id });

export const connectionSchema = z.looseObject({
  id,
  connector: id,
  label: z.string(),
  identity: text,
  grants: z.array(z.string()).default([]),
  logging: z.boolean().default(false),
  maintainer: text,
  revocation: text,
});

export const customActionSchema = z.looseObject({
  scope: id,
  label: z.string().default(''),
  effect: z.enum(EFFECTS),
  customerFacing: z.boolean().default(false),
  data: z.array(z.enum(DATA_CATEGORIES)).default([]),
  /** What the action does is not known (an imported n8n node Flowgate has no mapping for): `effect` is then a sensitive stand-in. */
  unknownEffect: z.boolean().optional(),
});
export const customConnectorSchema = z.looseObject({
  id,
  label: z.string(),
  actions: z.array(customActionSchema).default([]),
});

export const conformanceSectionSchema = z.looseObject({ activities: z.record(z.string(), z.string()).default({}) });
export type ConformanceSection = z.infer<typeof conformanceSectionSchema>;

// ---- sticky notes: words on the canvas, outside the flow ----

/** The colours a note can have; a note with another colour (from a newer Flowgate) is drawn yellow. */
export const NOTE_COLOURS = ['yellow', 'blue', 'green', 'pink', 'grey'] as const;
export type NoteColour = (typeof NOTE_COLOURS)[number];
export const noteSchema = z.looseObject({
  id,
  text,
  position: positionSchema,
  /** Its size on the canvas; absent: the default size. */
  size: z.looseObject({ width: z.number().positive(), height: z.number().positive() }).optional(),
  colour: z.string().optional(),
});
export type WorkflowNote = z.infer<typeof noteSchema>;

export const SEVERITY_SETTINGS = ['off', 'info', 'warn', 'error'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

export const workflowSchema = z.looseObject({
  format: z.literal(FORMAT),
  schemaVersion: z.literal(SCHEMA_VERSION),
  id,
  name: z.string(),
  description: text,
  owner: z.string(),
  connectors: z.array(customConnectorSchema).optional(),
  connections: z.array(connectionSchema),
  nodes: z.array(nodeSchema),
  edges: z.array(edgeSchema),
  lint: z.looseObject({ rules: z.record(z.string(), z.enum(SEVERITY_SETTINGS)).default({}) }).optional(),
  /** Simulation scenarios and reviewer profiles; its inner shape belongs to the simulator. */
  simulation: z.looseObject({}).optional(),
  /** How the activities of an event log map to steps (`flowgate conform`): activity → node id. */
  conformance: conformanceSectionSchema.optional(),
  /** Sticky notes on the canvas: shown and reported, ignored by the analysis, simulation and exports. */
  notes: z.array(noteSchema).optional(),
});

export type Workflow = z.infer<typeof workflowSchema>;
export type WorkflowNode = z.infer<typeof nodeSchema>;
export type WorkflowEdge = z.infer<typeof edgeSchema>;
export type Connection = z.infer<typeof connectionSchema>;
export type CustomConnector = z.infer<typeof customConnectorSchema>;
export type NodeOfKind<K extends NodeKind> = Extract<WorkflowNode, { kind: K }>;
export type ConfigOf<K extends NodeKind> = NodeOfKind<K>['config'];
export type IntakeConfig = ConfigOf<'intake'>;
export type AiConfig = ConfigOf<'ai'>;
export type IntegrationConfig = ConfigOf<'integration'>;
export type DecisionConfig = ConfigOf<'decision'>;
export type ApprovalConfig = ConfigOf<'approval'>;
export type EscalationConfig = ConfigOf<'escalation'>;
export type EndConfig = ConfigOf<'end'>;
