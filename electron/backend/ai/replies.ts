// Reads a model's reply for a step: JSON checked with zod against what the step asked for (a label
// from its list, a confidence from 0 to 1, its fields, ids of the articles it was given), or plain
// text. A reply that does not fit becomes a reason, and the step leaves by `error`.
import { z } from 'zod';
import type { AiRequest } from '../../../shared/simulation/ai-provider';
import { articleIds, fieldNames, labelNames } from './prompts';

/** Text answers carry no confidence of their own; a non-empty one counts as this sure. */
export const TEXT_CONFIDENCE = 0.9;

export type Reading = { ok: true; output: unknown; confidence: number; note: string } | { ok: false; reason: string };

const confidence = z.number({ error: 'confidence must be a number' }).min(0, 'confidence must be from 0 to 1').max(1, 'confidence must be from 0 to 1');
const rationale = z.string().optional().default('');

const classification = z.object({ label: z.string({ error: 'label must be text' }), confidence, rationale });
const extraction = z.object({
  fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()], { error: 'each field must be text or null' }), { error: 'fields must be an object' }),
  confidence,
  rationale,
});
const retrieval = z.object({ sources: z.array(z.string(), { error: 'sources must be a list of ids' }), confidence, rationale });

/** Local models sometimes wrap JSON in a Markdown code fence despite the schema. */
function unfence(text: string): string {
  const m = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(text.trim());
  return m ? m[1] : text.trim();
}

function parseJson<T>(content: string, schema: z.ZodType<T>): T | string {
  let value: unknown;
  try {
    value = JSON.parse(unfence(content));
  } catch {
    return 'the reply is not JSON';
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

function clip(text: string, max = 240): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function readReply(req: AiRequest, content: string): Reading {
  const misfit = (why: string): Reading => ({ ok: false, reason: `The model's reply does not fit what the step asked for (${why}).` });
  switch (req.task) {
    case 'classify':
    case 'route': {
      const r = parseJson(content, classification);
      if (typeof r === 'string') return misfit(r);
      const labels = labelNames(req);
      // Servers without strict schemas may change the case: "Billing" still means "billing".
      const label = labels.find((l) => l === r.label) ?? labels.find((l) => l.toLowerCase() === r.label.trim().toLowerCase());
      if (!label) return misfit(`"${clip(r.label, 60)}" is not one of its labels: ${labels.join(', ')}`);
      return { ok: true, output: label, confidence: r.confidence, note: clip(r.rationale) };
    }
    case 'extract': {
      const r = parseJson(content, extraction);
      if (typeof r === 'string') return misfit(r);
      const output: Record<string, unknown> = {};
      const missing: string[] = [];
      for (const f of fieldNames(req)) {
        const v = r.fields[f];
        output[f] = v === undefined || v === '' ? null : v;
        if (output[f] === null) missing.push(f);
      }
      const found = missing.length ? `not found: ${missing.join(', ')}` : 'all fields found';
      return { ok: true, output, confidence: r.confidence, note: clip(r.rationale ? `${found}; ${r.rationale}` : found) };
    }
    case 'retrieve': {
      const r = parseJson(content, retrieval);
      if (typeof r === 'string') return misfit(r);
      const given = new Set(articleIds(req));
      const unknown = r.sources.filter((id) => !given.has(id));
      if (unknown.length) return misfit(`${unknown.map((id) => `"${clip(id, 40)}"`).join(', ')} is not the id of an article it was given`);
      return { ok: true, output: [...new Set(r.sources)], confidence: r.confidence, note: clip(r.rationale) };
    }
    default: {
      const text = content.trim();
      if (!text) return misfit('the reply is empty');
      return { ok: true, output: text, confidence: TEXT_CONFIDENCE, note: 'written by the model' };
    }
  }
}
