// The templates gallery: `<resourcesDir>/templates/<id>.flowgate.json`.
// templates.get gives every call a fresh document id, so two workflows started from the same
// template never share one (the renderer does not need to assign it).
import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/contract';
import { loadWorkflow } from '../../shared/model/load';
import type { Workflow } from '../../shared/model/schema';
import { isNotFound } from './errors';
import { WORKFLOW_EXT } from './paths';

export interface TemplateSummary {
  id: string;
  name: string;
  description: string;
}

// Ids become file names, so only plain names are accepted: no separators, no `..`.
const TEMPLATE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function templatesDir(resourcesDir: string): string {
  return join(resourcesDir, 'templates');
}

/**
 * Every readable template; broken ones are skipped with a note on stderr. Gallery order: the ids
 * listed in `templates/order.json` (a JSON array) first, in that order, then the rest by id —
 * the product wants its reference example first, and that is a content decision, not code.
 */
export async function listTemplates(resourcesDir: string): Promise<TemplateSummary[]> {
  let names: string[];
  try {
    names = await readdir(templatesDir(resourcesDir));
  } catch (e) {
    if (isNotFound(e)) return [];
    throw e;
  }
  const ids = names
    .filter((n) => n.endsWith(WORKFLOW_EXT))
    .map((n) => n.slice(0, -WORKFLOW_EXT.length))
    .filter((id) => TEMPLATE_ID.test(id));
  const order = await galleryOrder(resourcesDir);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  ids.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const out: TemplateSummary[] = [];
  for (const id of ids) {
    try {
      const wf = await readTemplate(resourcesDir, id);
      out.push({ id, name: wf.name, description: wf.description });
    } catch (e) {
      // One broken template must not hide the others; whoever ships it sees why here.
      console.warn(`Flowgate: template "${id}" was skipped: ${(e as Error).message}`);
    }
  }
  return out;
}

/** The template's document with a new id, ready to become the user's workflow. */
export async function getTemplate(resourcesDir: string, id: string): Promise<Workflow> {
  if (!TEMPLATE_ID.test(id)) throw new ApiError('bad-request', `"${id}" is not a template name.`, '$.id');
  const wf = await readTemplate(resourcesDir, id);
  return { ...wf, id: randomUUID() };
}

async function galleryOrder(resourcesDir: string): Promise<string[]> {
  try {
    const value: unknown = JSON.parse(await readFile(join(templatesDir(resourcesDir), 'order.json'), 'utf8'));
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    // No order file (or a broken one): alphabetical order is still a usable gallery.
    return [];
  }
}

async function readTemplate(resourcesDir: string, id: string): Promise<Workflow> {
  let text: string;
  try {
    text = await readFile(join(templatesDir(resourcesDir), `${id}${WORKFLOW_EXT}`), 'utf8');
  } catch (e) {
    if (isNotFound(e)) throw new ApiError('not-found', `There is no template called "${id}".`);
    throw e;
  }
  return loadWorkflow(text).workflow;
}
