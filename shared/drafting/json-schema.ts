// The draft's JSON schema, generated from the zod schema (draft-schema.ts) so the two cannot drift,
// in the subset OpenAI's strict structured output accepts: the root is an object, every object lists
// all its properties as required and has `additionalProperties: false`, alternatives are `anyOf`
// (zod writes a discriminated union as `oneOf`, and a literal as `const`; both are rewritten to their
// equivalents), and no keyword strict mode refuses. `strictSchemaProblems` says what breaks those rules.
import { z } from 'zod';
import { draftSchema } from './draft-schema';

export const DRAFT_SCHEMA_NAME = 'flowgate_draft';

type JsonSchema = Record<string, unknown>;

export interface DraftResponseFormat {
  type: 'json_schema';
  json_schema: { name: string; strict: true; schema: JsonSchema };
}

let cached: JsonSchema | null = null;

/** The JSON schema of a draft. A fresh copy each call: callers may not change the shared one. */
export function draftJsonSchema(): JsonSchema {
  cached ??= generate();
  return structuredClone(cached);
}

function generate(): JsonSchema {
  const schema = z.toJSONSchema(draftSchema, {
    target: 'draft-7',
    io: 'output',
    override: ({ jsonSchema }) => {
      const s = jsonSchema as JsonSchema;
      // The kinds of a step exclude each other, so "any of" says the same as "one of".
      if (Array.isArray(s.oneOf)) {
        s.anyOf = s.oneOf;
        delete s.oneOf;
      }
      if ('const' in s) {
        s.enum = [s.const];
        delete s.const;
      }
    },
  }) as JsonSchema;
  delete schema.$schema;
  return schema;
}

/** What the chat completions request carries as `response_format`. */
export function draftResponseFormat(): DraftResponseFormat {
  return { type: 'json_schema', json_schema: { name: DRAFT_SCHEMA_NAME, strict: true, schema: draftJsonSchema() } };
}

/** Keywords strict structured output does not accept. */
const REFUSED = ['oneOf', 'allOf', 'not', 'if', 'then', 'else', 'dependentRequired', 'dependentSchemas', 'patternProperties', 'propertyNames', 'unevaluatedProperties', 'minProperties', 'maxProperties', 'minLength', 'maxLength', 'const', '$schema'];
/** Nesting of objects the strict mode allows. */
const MAX_OBJECT_DEPTH = 10;
const MAX_ENUM_VALUES = 1000;

/**
 * Where a JSON schema breaks the rules of strict structured output, as "path: problem" lines; empty
 * when it follows them. Checks what the draft's schema could get wrong, not all of JSON Schema.
 */
export function strictSchemaProblems(schema: unknown): string[] {
  const problems: string[] = [];
  let enumValues = 0;
  const isObject = (v: unknown): v is JsonSchema => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!isObject(schema)) return ['$: the schema must be an object'];
  if (schema.type !== 'object') problems.push('$: the root must be an object');
  if ('anyOf' in schema) problems.push('$: the root must not be anyOf');

  const walk = (s: unknown, at: string, depth: number): void => {
    if (!isObject(s)) {
      problems.push(`${at}: not a schema`);
      return;
    }
    for (const key of REFUSED) if (key in s) problems.push(`${at}: "${key}" is not accepted`);
    const types = Array.isArray(s.type) ? s.type : s.type === undefined ? [] : [s.type];
    if (Array.isArray(s.enum)) enumValues += s.enum.length;
    if (types.includes('object')) {
      if (depth + 1 > MAX_OBJECT_DEPTH) problems.push(`${at}: objects are nested more than ${MAX_OBJECT_DEPTH} deep`);
      if (s.additionalProperties !== false) problems.push(`${at}: additionalProperties must be false`);
      const properties = isObject(s.properties) ? s.properties : {};
      const required = Array.isArray(s.required) ? s.required : [];
      for (const name of Object.keys(properties)) if (!required.includes(name)) problems.push(`${at}.${name}: must be required (use null for "absent")`);
      for (const name of required) if (!(name in properties)) problems.push(`${at}: requires "${String(name)}", which it does not define`);
      for (const [name, child] of Object.entries(properties)) walk(child, `${at}.${name}`, depth + 1);
    }
    if (types.includes('array')) {
      if (s.items === undefined) problems.push(`${at}: an array must say what its items are`);
      else walk(s.items, `${at}[]`, depth);
    }
    if (Array.isArray(s.anyOf)) s.anyOf.forEach((branch, i) => walk(branch, `${at}.anyOf[${i}]`, depth));
    if (!types.length && !Array.isArray(s.anyOf) && !Array.isArray(s.enum) && !('$ref' in s)) problems.push(`${at}: has no type`);
  };
  walk(schema, '$', 0);
  if (enumValues > MAX_ENUM_VALUES) problems.push(`$: ${enumValues} enum values in all, more than ${MAX_ENUM_VALUES}`);
  return problems;
}
