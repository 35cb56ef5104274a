// Shared setup for the simulation backend tests: the shipped support template (as the golden traces
// run it) and a backend reading the repo's real sample data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESOURCES_DIR } from '../../cli/repo';
import { loadWorkflow } from '../../shared/model/load';
import type { Workflow } from '../../shared/model/schema';
import type { BackendOptions } from '../../electron/backend/types';
import { makeBackend, type TestBackend } from './helpers';

export const SUPPORT = 'support-ticket-triage';

/** The support template exactly as shipped (its fixed id, as in the golden traces). */
export function supportTemplate(): Workflow {
  return loadWorkflow(readFileSync(join(RESOURCES_DIR, 'templates', `${SUPPORT}.flowgate.json`), 'utf8')).workflow;
}

export function goldenTrace(scenario: string): string {
  return readFileSync(join(RESOURCES_DIR, '..', 'tests', 'fixtures', 'traces', SUPPORT, `${scenario}.json`), 'utf8');
}

/** The template with one grant taken away from a connection. */
export function withoutGrant(wf: Workflow, connection: string, scope: string): Workflow {
  return { ...wf, connections: wf.connections.map((c) => (c.id === connection ? { ...c, grants: c.grants.filter((g) => g !== scope) } : c)) };
}

export function simBackend(overrides: Partial<BackendOptions> = {}): Promise<TestBackend> {
  return makeBackend({ resourcesDir: RESOURCES_DIR, ...overrides });
}
