// Edits of a connection's granted scopes. Grants are plain strings; `*` and `prefix.*` are wildcards.
// The Connections panel and the quick fixes of the permission rules both build on these.
import { isGranted, isWildcard } from '../../connectors/lookup';
import type { ConnectorDefinition } from '../../connectors/types';
import type { Connection, Workflow } from '../schema';
import { updateConnection } from './connections';

function grantsOf(wf: Workflow, connectionId: string): string[] | undefined {
  return wf.connections.find((c) => c.id === connectionId)?.grants;
}

/** Grants the exact scope, or takes it back if it is granted. Wildcards are left alone. */
export function toggleGrant(wf: Workflow, connectionId: string, scope: string): Workflow {
  const grants = grantsOf(wf, connectionId);
  if (!grants) return wf;
  const next = grants.includes(scope) ? grants.filter((g) => g !== scope) : [...grants, scope];
  return updateConnection(wf, connectionId, { grants: next });
}

/** Grants `scope` unless the connection's grants already cover it (by name or through a wildcard). */
export function grantScope(wf: Workflow, connectionId: string, scope: string): Workflow {
  const grants = grantsOf(wf, connectionId);
  if (!grants || isGranted(grants, scope)) return wf;
  return updateConnection(wf, connectionId, { grants: [...grants, scope] });
}

/** Takes a grant back; a grant written twice goes entirely. */
export function removeGrant(wf: Workflow, connectionId: string, grant: string): Workflow {
  const grants = grantsOf(wf, connectionId);
  if (!grants?.includes(grant)) return wf;
  return updateConnection(wf, connectionId, { grants: grants.filter((g) => g !== grant) });
}

/** Puts `replacement` where `grant` stands (every other copy of `grant` goes); nothing when it is not granted. */
export function replaceGrant(wf: Workflow, connectionId: string, grant: string, replacement: readonly string[]): Workflow {
  const grants = grantsOf(wf, connectionId);
  const at = grants?.indexOf(grant) ?? -1;
  if (!grants || at === -1) return wf;
  const rest = (part: string[]) => part.filter((g) => g !== grant);
  return updateConnection(wf, connectionId, { grants: [...grants.slice(0, at), ...replacement, ...rest(grants.slice(at + 1))] });
}

/** Why a typed grant cannot be added, or null when it can. */
export function grantProblem(raw: string, grants: readonly string[]): string | null {
  const grant = raw.trim();
  if (!grant) return 'Type a scope, like tickets.read, or a wildcard like tickets.*';
  if (/\s/.test(grant)) return 'A scope has no spaces.';
  if (grant.includes('*') && !isWildcard(grant)) return 'A wildcard is * on its own or at the end after a dot, like tickets.*';
  if (grant.startsWith('.') || grant.includes('..')) return 'A scope cannot start with a dot or have two dots in a row.';
  if (grants.includes(grant)) return `"${grant}" is already granted.`;
  return null;
}

export function addGrant(wf: Workflow, connectionId: string, raw: string): { ok: true; workflow: Workflow } | { ok: false; error: string } {
  const grants = grantsOf(wf, connectionId);
  if (!grants) return { ok: false, error: 'This connection no longer exists.' };
  const error = grantProblem(raw, grants);
  if (error) return { ok: false, error };
  return { ok: true, workflow: updateConnection(wf, connectionId, { grants: [...grants, raw.trim()] }) };
}

/** The grants that are not one of the connector's actions: wildcards and unknown scopes. */
export function extraGrants(connection: Pick<Connection, 'grants'>, connector: ConnectorDefinition | undefined): string[] {
  const scopes = new Set(connector?.actions.map((a) => a.scope) ?? []);
  return connection.grants.filter((g) => !scopes.has(g));
}

/** The wildcard grant that covers `scope` although the scope is not granted by name, or null. */
export function coveringWildcard(grants: readonly string[], scope: string): string | null {
  if (grants.includes(scope)) return null;
  return grants.find((g) => isWildcard(g) && isGranted([g], scope)) ?? null;
}
