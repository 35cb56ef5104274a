// The shipped templates, loaded as the app loads them, for the interchange tests.
import { readFileSync, readdirSync } from 'node:fs';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';

const TEMPLATES = new URL('../../../resources/templates/', import.meta.url);

export function templates(): { file: string; workflow: Workflow }[] {
  return readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.flowgate.json'))
    .map((file) => ({ file, workflow: loadWorkflow(readFileSync(new URL(file, TEMPLATES), 'utf8')).workflow }));
}
