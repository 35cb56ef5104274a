// The default AI provider: deterministic and offline. It answers from the node's config and the run's
// data (keywords, templates, patterns), so a rehearsal needs no key, no network and gives the same
// answer every time.
import type { AiDocument, AiLabel, AiProvider, AiRequest, AiResponse } from './ai-provider';
import { extractFields } from './extract';
import { clip, firstSentences, hasKeyword, round2, words } from './text';
import { textOf } from './variables';

// Keyword lists are lower-cased once per labels array, not once per run.
const lowered = new WeakMap<readonly AiLabel[], string[][]>();
function keywordsOf(labels: readonly AiLabel[]): string[][] {
  let list = lowered.get(labels);
  if (!list) {
    list = labels.map((l) => l.keywords.map((k) => k.trim().toLowerCase()).filter(Boolean));
    lowered.set(labels, list);
  }
  return list;
}

/**
 * Picks the label whose keywords the material contains most. Confidence grows with the number of
 * distinct keywords matched (1 → 0.70, 2 → 0.85, 3+ → 0.98) and shrinks when another label matches too.
 * Nothing matched: the first label without keywords (a catch-all such as "other"), or the first label,
 * with confidence 0.35.
 */
export function classify(labels: readonly AiLabel[], material: string): AiResponse {
  if (labels.length === 0) return { ok: false, error: 'the step has no labels to choose from' };
  const text = material.toLowerCase();
  const keywords = keywordsOf(labels);
  let best = -1;
  let bestHits = 0;
  let second = 0;
  let matched: string[] = [];
  keywords.forEach((list, i) => {
    const hits = list.filter((k) => hasKeyword(text, k));
    if (hits.length > bestHits) {
      second = bestHits;
      best = i;
      bestHits = hits.length;
      matched = hits;
    } else if (hits.length > second) {
      second = hits.length;
    }
  });
  if (best === -1) {
    const fallback = Math.max(0, keywords.findIndex((k) => k.length === 0));
    return { ok: true, output: labels[fallback].name, confidence: 0.35, note: 'no keyword of any label found' };
  }
  const strength = Math.min(0.98, 0.55 + 0.15 * bestHits);
  const margin = second === bestHits ? 0.75 : 1 - (0.25 * second) / bestHits;
  const note = `matched ${matched.map((k) => `"${k}"`).join(', ')}${second ? ` (another label matched ${second})` : ''}`;
  return { ok: true, output: labels[best].name, confidence: round2(strength * margin), note };
}

const HEADLINE_KEYS = ['subject', 'title', 'topic', 'headline'];
const NAME_KEYS = ['name', 'customerName', 'firstName', 'requesterName', 'contactName', 'fullName'];

function pick(values: Readonly<Record<string, unknown>>, keys: readonly string[]): string {
  for (const key of keys) {
    const v = values[key];
    if (typeof v === 'string' && v.trim()) return v.trim();
  }
  // One level down: {{ticket}} or {{customer}} records.
  for (const v of Object.values(values)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const found = pick(v as Record<string, unknown>, keys);
      if (found) return found;
    }
  }
  return '';
}

/** The longest text among the values: the message body, usually. */
function mainText(values: Readonly<Record<string, unknown>>, material: string): string {
  let longest = '';
  for (const v of Object.values(values)) {
    const t = textOf(v);
    if (t.length > longest.length) longest = t;
  }
  return longest || material;
}

export function summarize(req: AiRequest): AiResponse {
  const body = mainText(req.values, req.material).trim();
  if (!body) return { ok: true, output: '', confidence: 0.2, note: 'nothing to summarize' };
  const headline = pick(req.values, HEADLINE_KEYS);
  const gist = firstSentences(body, 2);
  const summary = clip(headline && !gist.startsWith(headline) ? `${headline}: ${gist}` : gist, 280);
  return { ok: true, output: summary, confidence: 0.9, note: 'first sentences of the message' };
}

/** "startDate" → "start date: 2024-07-01", for drafts that prepare a document rather than answer a message. */
function facts(values: Readonly<Record<string, unknown>>): string {
  return Object.entries(values)
    .filter(([k, v]) => (typeof v === 'string' || typeof v === 'number') && String(v).length <= 80 && !NAME_KEYS.includes(k) && !/email/i.test(k))
    .map(([k, v]) => `${words(k)}: ${v}`)
    .join(', ');
}

/**
 * A reply when the material is a message (it has a subject or a long text), otherwise a prepared text
 * listing the facts it was given. Either way it quotes the best article the step's sources found.
 */
export function draft(req: AiRequest): AiResponse {
  if (req.template) return { ok: true, output: req.template, confidence: 0.92, note: "filled in the step's template" };
  if (!req.material.trim()) return { ok: true, output: '', confidence: 0.3, note: 'nothing to write about' };
  const name = (pick(req.values, NAME_KEYS) || pick(req.item, NAME_KEYS)).split(/\s+/)[0];
  const subject = pick(req.values, HEADLINE_KEYS);
  const isReply = Boolean(subject) || mainText(req.values, req.material).length > 60;
  const doc = req.documents.find((d) => d.kind === 'article');
  const opening = isReply ? (subject ? `Thank you for getting in touch about "${subject}".` : 'Thank you for your message.') : `Here is what we have prepared (${facts(req.values)}).`;
  const middle = doc
    ? `"${doc.title}" (${doc.id}) explains this: ${clip(firstSentences(doc.text, 2), 300)}`
    : isReply
      ? 'We have looked into your message and will follow up with the details shortly.'
      : '';
  const text = [`Hello ${name || 'there'},`, '', opening, ...(middle ? ['', middle] : []), '', 'If anything is unclear, just reply to this message.', '', 'Best regards,', req.signature || 'The team'].join('\n');
  return { ok: true, output: text, confidence: doc ? 0.9 : 0.75, note: doc ? `based on ${doc.id}` : 'no article to draw on' };
}

export function extract(req: AiRequest): AiResponse {
  if (req.fields.length === 0) return { ok: true, output: {}, confidence: 0.9, note: 'no fields to extract' };
  const output = extractFields(req.fields, req.material, req.values);
  const found = req.fields.filter((f) => output[f] !== null);
  const missing = req.fields.filter((f) => output[f] === null);
  const note = missing.length ? `not found: ${missing.join(', ')}` : 'all fields found';
  return { ok: true, output, confidence: round2(0.4 + (0.58 * found.length) / req.fields.length), note };
}

export function retrieve(all: readonly AiDocument[]): AiResponse {
  const documents = all.filter((d) => d.kind === 'article');
  if (documents.length === 0) return { ok: true, output: [], confidence: 0.2, note: 'no article matched' };
  const best = documents[0].score;
  return {
    ok: true,
    output: documents.map((d) => d.id),
    confidence: round2(Math.min(0.95, 0.5 + 0.1 * best)),
    note: documents.map((d) => `${d.id} "${d.title}"`).join(', '),
  };
}

/** Answers synchronously (typed so), which keeps the all-mock path free of promises. */
export const mockAi = {
  name: 'mock',
  run(req: AiRequest): AiResponse {
    switch (req.task) {
      case 'classify':
      case 'route':
        return classify(req.labels, req.material);
      case 'summarize':
        return summarize(req);
      case 'draft':
        return draft(req);
      case 'extract':
        return extract(req);
      case 'retrieve':
        return retrieve(req.documents);
      default:
        return { ok: false, error: `the mock AI does not know the task "${String(req.task)}"` };
    }
  },
} satisfies AiProvider;
