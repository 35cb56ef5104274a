// What a model writes when it drafts a workflow from a description: a subset of the workflow file
// without ids, positions, grants or AI provider settings (Flowgate fills those in), one config shape
// per step kind, and actions named only by the scopes of the built-in connector catalog. Steps refer
// to each other by their labels. Every object is strict and every field required (nullable where it
// may be absent), so the JSON schema generated from it (json-schema.ts) is one OpenAI's strict
// structured output accepts, and what the model may send is exactly what this schema parses.
import { z } from 'zod';
import { BUILTIN_CONNECTORS } from '../connectors/catalog';
import { AI_TASKS, DECISION_OPS, INTAKE_SOURCES, PRIORITIES } from '../model/schema';
import { DECISIONS } from '../simulation/scenario';

/** Every scope of the built-in catalog, e.g. `email.send`; each names its connector unambiguously. */
export const CATALOG_SCOPES = BUILTIN_CONNECTORS.flatMap((c) => c.actions.map((a) => a.scope)) as [string, ...string[]];
export const CATALOG_CONNECTORS = BUILTIN_CONNECTORS.map((c) => c.id) as [string, ...string[]];

/** Limits that keep a reply small enough to check and show; a real process fits well inside them. */
export const MAX_STEPS = 80;
const MAX_LIST = 40;

const scope = z.enum(CATALOG_SCOPES).describe('An action of the catalog, by its scope.');
const label = z.string().describe('A short, unique name of the step, such as "Check the order". Links refer to steps by it.');

/** Where an output of a step leads: `to` is the label of the next step. */
export const linkSchema = z.strictObject({
  output: z.string().describe('One of the outputs of this step kind (for a decision: the output of one of its rules, or "else").'),
  to: z.string().describe('The label of the step this output leads to.'),
});
const next = z.array(linkSchema).max(MAX_LIST).describe('Where each output of the step leads. Every output should lead somewhere.');

export const intakeStepSchema = z.strictObject({
  kind: z.literal('intake'),
  label,
  source: z.enum(INTAKE_SOURCES),
  action: scope.nullable().describe('The read action that brings items in (such as email.read_inbox), or null for a form or a person.'),
  fields: z.array(z.string()).max(MAX_LIST).describe('The fields each item carries, such as "orderId", "amount", "email".'),
  next,
});

export const aiStepSchema = z.strictObject({
  kind: z.literal('ai'),
  label,
  task: z.enum(AI_TASKS),
  prompt: z.string().describe('What the AI is asked, with {{field}} placeholders for the item’s fields and earlier outputs.'),
  output: z.string().describe('The variable the answer is stored in, such as "category"; decisions can test it.'),
  labels: z
    .array(z.strictObject({ name: z.string(), keywords: z.array(z.string()).max(MAX_LIST) }))
    .max(MAX_LIST)
    .describe('For classify and route: the labels to choose from, with keywords. Empty for other tasks.'),
  confidenceThreshold: z.number().min(0).max(1).describe('Below this confidence (0 to 1) the step leaves by "low_confidence".'),
  sources: z.array(scope).max(MAX_LIST).describe('Read actions the AI may use as knowledge, such as kb.search.'),
  tools: z.array(scope).max(MAX_LIST).describe('Actions the AI may call. Usually empty: let later steps do things, behind approvals.'),
  fields: z.array(z.string()).max(MAX_LIST).describe('For extract: the fields to pull out. Empty for other tasks.'),
  next,
});

export const integrationStepSchema = z.strictObject({
  kind: z.literal('integration'),
  label,
  action: scope,
  inputs: z
    .array(z.strictObject({ name: z.string(), value: z.string().describe('Text, with {{field}} placeholders.') }))
    .max(MAX_LIST)
    .describe('The action’s inputs.'),
  next,
});

const conditionValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()])).max(MAX_LIST), z.null()]);
export const decisionStepSchema = z.strictObject({
  kind: z.literal('decision'),
  label,
  rules: z
    .array(
      z.strictObject({
        output: z.string().describe('A short name of the rule’s output, such as "large"; never "else".'),
        label: z.string(),
        match: z.enum(['all', 'any']).describe('Whether all conditions must hold, or any one.'),
        conditions: z
          .array(
            z.strictObject({
              variable: z.string().describe('A field of the item or an AI step’s output variable.'),
              op: z.enum(DECISION_OPS),
              value: conditionValue.describe('The value compared with; a list for "in"; null for "exists".'),
            }),
          )
          .max(MAX_LIST),
      }),
    )
    .max(MAX_LIST)
    .describe('Checked in order; the first that holds wins. An item no rule takes leaves by "else".'),
  next,
});

export const approvalStepSchema = z.strictObject({
  kind: z.literal('approval'),
  label,
  reviewer: z.string().describe('The role of the person who approves, such as "Owner" or "Support lead".'),
  instructions: z.string().describe('What the reviewer checks.'),
  timeoutHours: z.number().min(0).nullable().describe('Hours until the request times out (leaves by "timeout"), or null for never.'),
  next,
});

export const escalationStepSchema = z.strictObject({
  kind: z.literal('escalation'),
  label,
  team: z.string().describe('The team or queue that takes over.'),
  reason: z.string(),
  priority: z.enum(PRIORITIES),
  action: scope.nullable().describe('An action that hands the item over (such as tickets.assign), or null.'),
  next,
});

export const endStepSchema = z.strictObject({
  kind: z.literal('end'),
  label,
  outcome: z.string().describe('How the item ends: resolved, rejected, escalated, stopped…'),
});

export const draftStepSchema = z.discriminatedUnion('kind', [
  intakeStepSchema,
  aiStepSchema,
  integrationStepSchema,
  decisionStepSchema,
  approvalStepSchema,
  escalationStepSchema,
  endStepSchema,
]);

export const draftConnectionSchema = z.strictObject({
  connector: z.enum(CATALOG_CONNECTORS),
  label: z.string().describe('What the business calls this system, such as "Shop mailbox".'),
  identity: z.string().describe('The account the workflow uses there, or "" when the description does not say.'),
  maintainer: z.string().describe('Who looks after the connection, or "" when the description does not say.'),
  revocation: z.string().describe('How its access is taken away, or "" when the description does not say.'),
  logging: z.boolean().describe('Whether the system logs the calls made through it.'),
});

export const draftScenarioSchema = z.strictObject({
  name: z.string(),
  input: z
    .array(z.strictObject({ field: z.string(), value: z.union([z.string(), z.number(), z.boolean()]) }))
    .max(MAX_LIST)
    .describe('A sample item: a value for each intake field.'),
  approvals: z
    .array(z.strictObject({ step: z.string().describe('The label of an approval step.'), decision: z.enum(DECISIONS) }))
    .max(MAX_LIST)
    .describe('How reviewers decide in this scenario.'),
});

export const draftSchema = z.strictObject({
  name: z.string().describe('The workflow’s name.'),
  owner: z.string().describe('Who owns the process, such as "Owner" or "Support lead".'),
  assumptions: z.array(z.string()).max(MAX_LIST).describe('What you assumed that the description does not say, one short sentence each.'),
  connections: z.array(draftConnectionSchema).max(20).describe('Details of the systems the steps use, one entry per connector.'),
  steps: z.array(draftStepSchema).max(MAX_STEPS),
  scenarios: z.array(draftScenarioSchema).max(10).describe('One to three sample items to rehearse the workflow with.'),
});

export type Draft = z.infer<typeof draftSchema>;
export type DraftStep = z.infer<typeof draftStepSchema>;
export type DraftStepOf<K extends DraftStep['kind']> = Extract<DraftStep, { kind: K }>;
export type DraftConnection = z.infer<typeof draftConnectionSchema>;
export type DraftScenario = z.infer<typeof draftScenarioSchema>;
