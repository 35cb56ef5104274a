// Reads a model's reply as a draft: JSON (a Markdown fence around it, which local models add despite
// the schema, is tolerated), checked against the draft schema. Every problem is returned with the
// JSON path where it is, in Flowgate's words, so the model can be asked to fix exactly that.
import { jsonPath, parseJson, WorkflowLoadError } from '../model/load';
import { plainIssue } from '../model/issue-text';
import { draftSchema, type Draft } from './draft-schema';
import { loadProblem, type DraftProblem } from './problems';

/** A reply longer than this is not read: no real process needs it, and it would be sent back whole. */
export const MAX_REPLY_CHARS = 400_000;
/** Problems reported from one reply at most; the rest are counted. */
export const MAX_PROBLEMS = 25;

export type DraftReading = { ok: true; draft: Draft } | { ok: false; problems: DraftProblem[] };

function unfence(text: string): string {
  const m = /^```(?:json)?\s*([\s\S]*?)\s*```$/i.exec(text.trim());
  return m ? m[1] : text.trim();
}

export function readDraft(content: string): DraftReading {
  const fail = (message: string): DraftReading => ({ ok: false, problems: [loadProblem('$', message)] });
  const text = unfence(content);
  if (!text) return fail('the reply is empty: send the draft as one JSON object');
  if (text.length > MAX_REPLY_CHARS) return fail(`the reply is longer than ${MAX_REPLY_CHARS.toLocaleString('en-US')} characters: make the draft smaller`);
  let value: unknown;
  try {
    value = parseJson(text);
  } catch (e) {
    const why = e instanceof WorkflowLoadError ? e.message.replace(/^not valid JSON: /, '') : String(e);
    return fail(`the reply is not valid JSON (${why.replace(/\bthe file\b/g, 'the reply')}): send the draft as one JSON object`);
  }
  const parsed = draftSchema.safeParse(value);
  if (parsed.success) return { ok: true, draft: parsed.data };
  const problems = parsed.error.issues.slice(0, MAX_PROBLEMS).map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const names = issue.keys.map((k) => `"${k}"`).join(', ');
      return loadProblem(jsonPath(issue.path), `has ${issue.keys.length === 1 ? 'a field' : 'fields'} the schema does not allow: ${names}`);
    }
    const plain = plainIssue(issue, value);
    return loadProblem(jsonPath(plain.path), plain.message);
  });
  const more = parsed.error.issues.length - problems.length;
  if (more > 0) problems.push(loadProblem('$', `and ${more} more problem${more === 1 ? '' : 's'} like these`));
  return { ok: false, problems };
}
