// The JSON schema sent to the model is generated from the zod schema of a draft and says the same
// thing: a JSON Schema validator (ajv) and zod accept and refuse the same replies — generated drafts,
// and mutations of a real one (a field dropped, one added, a value changed). It is also in the subset
// OpenAI's strict mode accepts, which the checker verifies and whose mistakes the checker catches.
import { Ajv } from 'ajv';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG_SCOPES, draftSchema } from '../../../shared/drafting/draft-schema';
import { draftJsonSchema, draftResponseFormat, strictSchemaProblems } from '../../../shared/drafting/json-schema';
import { validRefundDraft } from '../../fixtures/drafting/refund-drafts';

const validate = new Ajv({ strict: false, allErrors: false }).compile(draftJsonSchema());
const zodAccepts = (value: unknown) => draftSchema.safeParse(value).success;
const ajvAccepts = (value: unknown) => validate(value) === true;

describe('the draft JSON schema', () => {
  it('is what the request carries: strict, named, generated fresh from the zod schema', () => {
    const format = draftResponseFormat();
    expect(format).toMatchObject({ type: 'json_schema', json_schema: { name: 'flowgate_draft', strict: true } });
    expect(format.json_schema.schema).toEqual(draftJsonSchema());
    // Each call gives its own copy: changing one cannot change what later requests send.
    (format.json_schema.schema.properties as Record<string, unknown>).name = 'changed';
    expect((draftJsonSchema().properties as Record<string, unknown>).name).not.toBe('changed');
  });

  it('follows the rules of strict structured output', () => {
    const schema = draftJsonSchema();
    expect(strictSchemaProblems(schema)).toEqual([]);
    expect(schema.type).toBe('object');
    expect(JSON.stringify(schema)).not.toMatch(/"(oneOf|const|\$schema|minLength|maxLength|propertyNames|patternProperties)"/);
    // Every step kind is one branch of an anyOf, with its own config shape.
    const steps = (schema.properties as Record<string, { items: { anyOf: { properties: { kind: { enum: string[] } } }[] } }>).steps;
    expect(steps.items.anyOf.map((b) => b.properties.kind.enum[0])).toEqual(['intake', 'ai', 'integration', 'decision', 'approval', 'escalation', 'end']);
  });

  it('the strictness checker finds what strict mode refuses', () => {
    const ok = { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false };
    expect(strictSchemaProblems(ok)).toEqual([]);
    expect(strictSchemaProblems({ ...ok, required: [] })).toEqual(['$.a: must be required (use null for "absent")']);
    expect(strictSchemaProblems({ ...ok, additionalProperties: true })).toEqual(['$: additionalProperties must be false']);
    expect(strictSchemaProblems({ anyOf: [ok] })).toContain('$: the root must be an object');
    expect(strictSchemaProblems({ ...ok, properties: { a: { oneOf: [{ type: 'string' }, { type: 'number' }] } } })).toContain('$.a: "oneOf" is not accepted');
    expect(strictSchemaProblems({ ...ok, properties: { a: { type: 'array', items: { type: 'object', properties: { b: { type: 'string' } }, required: ['b'] } } } })).toEqual([
      '$.a[]: additionalProperties must be false',
    ]);
    expect(strictSchemaProblems({ ...ok, properties: { a: { type: 'string', minLength: 1 } } })).toEqual(['$.a: "minLength" is not accepted']);
  });

  it('accepts a real draft, as zod does', () => {
    expect(zodAccepts(validRefundDraft())).toBe(true);
    expect(ajvAccepts(validRefundDraft())).toBe(true);
  });

  it('refuses and accepts the same mutations of a real draft as zod', () => {
    fc.assert(
      fc.property(mutationArb, (mutate) => {
        const draft = mutate(validRefundDraft() as unknown as Json);
        expect(ajvAccepts(draft), JSON.stringify(draft).slice(0, 400)).toBe(zodAccepts(draft));
      }),
      { numRuns: 400 },
    );
  });

  it('refuses and accepts the same generated drafts as zod', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        expect(ajvAccepts(draft), JSON.stringify(draft).slice(0, 400)).toBe(zodAccepts(draft));
      }),
      { numRuns: 300 },
    );
  });
});

// ---- generators ----

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const anyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -5, max: 5 }),
  fc.integer({ min: -3, max: 100 }),
  fc.constantFrom('', 'intake', 'ai', 'end', 'email.send', 'nope', 'all', 'gt', 'approved', 'urgent', 'email', 'form'),
  fc.constant([] as Json[]),
  fc.constant({} as Json),
  fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
);

/** Every path to an object or array inside a value, and the value itself. */
function containers(value: Json, path: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  if (value === null || typeof value !== 'object') return [];
  const children = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [{ path, value }, ...children.flatMap(([k, v]) => containers(v, [...path, k]))];
}

/** One random change somewhere in the draft: drop a field, add one, or replace a value. */
const mutationArb: fc.Arbitrary<(draft: Json) => Json> = fc
  .tuple(fc.nat(), fc.nat(), fc.constantFrom('drop', 'add', 'replace'), anyValue, fc.constantFrom('extra', 'id', 'position', 'grants'))
  .map(([a, b, how, value, extraKey]) => (draft: Json) => {
    const spots = containers(draft);
    const spot = spots[a % spots.length].value as Record<string, Json> | Json[];
    const keys = Object.keys(spot);
    if (how === 'add' && !Array.isArray(spot)) spot[extraKey] = value;
    else if (keys.length && how === 'drop' && !Array.isArray(spot)) delete spot[keys[b % keys.length]];
    else if (keys.length) (spot as Record<string, Json>)[keys[b % keys.length]] = value;
    return draft;
  });

const text = fc.oneof({ weight: 40, arbitrary: fc.string({ maxLength: 6 }) }, { weight: 1, arbitrary: anyValue });
const scope = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...CATALOG_SCOPES) }, { weight: 1, arbitrary: anyValue });
const list = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { maxLength: 2 });
const links = list(fc.record({ output: text, to: text }));
const stepArb = fc.oneof(
  fc.record({ kind: fc.constant('intake'), label: text, source: fc.constantFrom('form', 'email', 'fax'), action: fc.oneof(scope, fc.constant(null)), fields: list(text), next: links }),
  fc.record({
    kind: fc.constant('ai'),
    label: text,
    task: fc.constantFrom('classify', 'draft', 'guess'),
    prompt: text,
    output: text,
    labels: list(fc.record({ name: text, keywords: list(text) })),
    confidenceThreshold: fc.double({ noNaN: true, noDefaultInfinity: true, min: -0.5, max: 1.5 }),
    sources: list(scope),
    tools: list(scope),
    fields: list(text),
    next: links,
  }),
  fc.record({ kind: fc.constant('integration'), label: text, action: scope, inputs: list(fc.record({ name: text, value: text })), next: links }),
  fc.record({
    kind: fc.constant('decision'),
    label: text,
    rules: list(
      fc.record({
        output: text,
        label: text,
        match: fc.constantFrom('all', 'any', 'some'),
        conditions: list(fc.record({ variable: text, op: fc.constantFrom('gt', 'eq', 'like'), value: fc.oneof(anyValue, list(fc.oneof(fc.string(), fc.integer(), fc.boolean()))) })),
      }),
    ),
    next: links,
  }),
  fc.record({ kind: fc.constant('approval'), label: text, reviewer: text, instructions: text, timeoutHours: fc.oneof(fc.constant(null), fc.integer({ min: -2, max: 72 })), next: links }),
  fc.record({ kind: fc.constant('escalation'), label: text, team: text, reason: text, priority: fc.constantFrom('low', 'urgent', 'soon'), action: fc.oneof(scope, fc.constant(null)), next: links }),
  fc.record({ kind: fc.constantFrom('end', 'pause'), label: text, outcome: text }),
);
const draftArb = fc.record({
  name: text,
  owner: text,
  assumptions: list(text),
  connections: list(fc.record({ connector: fc.constantFrom('email', 'billing', 'erp'), label: text, identity: text, maintainer: text, revocation: text, logging: fc.oneof(fc.boolean(), anyValue) })),
  steps: list(stepArb),
  scenarios: list(
    fc.record({ name: text, input: list(fc.record({ field: text, value: anyValue })), approvals: list(fc.record({ step: text, decision: fc.constantFrom('approved', 'maybe') })) }),
  ),
});
