// What an AI step sends to an OpenAI-compatible model: a system message saying what the step does,
// a user message with the step's rendered prompt, its material and the articles its sources found
// (each with its id, so answers can cite them), and for structured tasks a JSON schema the reply must
// follow. The whole run item is not sent: only what the step's prompt uses.
import type { AiDocument, AiRequest } from '../../../shared/simulation/ai-provider';

export interface ChatMessage {
  role: 'system' | 'user';
  content: string;
}

export interface JsonSchemaFormat {
  type: 'json_schema';
  json_schema: { name: string; strict: true; schema: Record<string, unknown> };
}

const MAX_DOCUMENT_CHARS = 1_500;
const MAX_MATERIAL_CHARS = 12_000;
const NAME_KEYS = ['name', 'customerName', 'firstName', 'requesterName', 'contactName', 'fullName'];

const confidence = { type: 'number', description: 'How sure you are, from 0 (guessing) to 1 (certain).' };
const rationale = { type: 'string', description: 'One short sentence on why.' };

function unique(list: readonly string[]): string[] {
  return [...new Set(list.map((s) => s.trim()).filter(Boolean))];
}

export function labelNames(req: AiRequest): string[] {
  return unique(req.labels.map((l) => l.name));
}

export function fieldNames(req: AiRequest): string[] {
  return unique(req.fields);
}

export function articleIds(req: AiRequest): string[] {
  return unique(req.documents.filter((d) => d.kind === 'article').map((d) => d.id));
}

function object(properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'object', properties, required: Object.keys(properties), additionalProperties: false };
}

/** The JSON schema of the reply, or null for tasks answered with plain text (summarize, draft). */
export function responseFormatFor(req: AiRequest): JsonSchemaFormat | null {
  const format = (name: string, schema: Record<string, unknown>): JsonSchemaFormat => ({ type: 'json_schema', json_schema: { name, strict: true, schema } });
  switch (req.task) {
    case 'classify':
    case 'route':
      return format('classification', object({ label: { type: 'string', enum: labelNames(req) }, confidence, rationale }));
    case 'extract': {
      const fields = Object.fromEntries(fieldNames(req).map((f) => [f, { type: ['string', 'null'] }]));
      return format('extraction', object({ fields: object(fields), confidence, rationale }));
    }
    case 'retrieve':
      return format('retrieval', object({ sources: { type: 'array', items: { type: 'string', enum: articleIds(req) } }, confidence, rationale }));
    default:
      return null;
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function documentText(d: AiDocument): string {
  return `[${d.id}] ${d.title}\n${clip(d.text, MAX_DOCUMENT_CHARS)}`;
}

function taskInstructions(req: AiRequest): string {
  switch (req.task) {
    case 'classify':
    case 'route': {
      const labels = req.labels
        .filter((l) => l.name.trim())
        .map((l) => `- ${l.name}${l.keywords.length ? ` (for example: ${l.keywords.join(', ')})` : ''}`)
        .join('\n');
      return `Choose the one label that fits the material best.\nLabels:\n${labels}\nReply in JSON with the label, your confidence and a one-sentence rationale.`;
    }
    case 'extract':
      return `Pull these fields out of the material: ${fieldNames(req).join(', ')}. Use null for a field the material does not give; do not guess.\nReply in JSON with the fields, your confidence and a one-sentence rationale.`;
    case 'retrieve':
      return 'Pick the articles below that help with the material, most useful first, by their ids. Pick none if none helps.\nReply in JSON with the sources, your confidence and a one-sentence rationale.';
    case 'summarize':
      return 'Summarize the material in at most three sentences. Reply with the summary only.';
    case 'draft': {
      const lines = ['Write the text the instructions ask for, ready to send. Reply with the text only, without a preamble.'];
      if (req.documents.some((d) => d.kind === 'article')) lines.push('Where an article below answers the question, use it and mention its id in parentheses, like (KB-12).');
      if (req.signature) lines.push(`Sign it as: ${req.signature}`);
      return lines.join('\n');
    }
    default:
      return 'Do what the instructions ask.';
  }
}

function recipientName(req: AiRequest): string {
  for (const key of NAME_KEYS) {
    const v = req.values[key] ?? req.item[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  return '';
}

export function messagesFor(req: AiRequest): ChatMessage[] {
  const system = `You are one step of a business workflow, rehearsed in Flowgate. Work only from what you are given.\n${taskInstructions(req)}`;
  const parts: string[] = [];
  const prompt = req.prompt.trim();
  const material = clip(req.material.trim(), MAX_MATERIAL_CHARS);
  if (prompt) parts.push(`Instructions:\n${clip(prompt, MAX_MATERIAL_CHARS)}`);
  if (material && !prompt.includes(material)) parts.push(`Material:\n${material}`);
  if (req.task === 'draft') {
    if (req.template) parts.push(`Start from this template and fill in what it leaves open:\n${req.template}`);
    const name = recipientName(req);
    if (name) parts.push(`Write to: ${name}`);
  }
  const articles = req.documents.filter((d) => d.kind === 'article');
  const records = req.documents.filter((d) => d.kind === 'record');
  if (articles.length) parts.push(`Articles:\n${articles.map(documentText).join('\n\n')}`);
  if (records.length) parts.push(`Records:\n${records.map(documentText).join('\n\n')}`);
  if (!parts.length) parts.push('(There is no material for this step.)');
  return [
    { role: 'system', content: system },
    { role: 'user', content: parts.join('\n\n') },
  ];
}
