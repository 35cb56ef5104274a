import { connectionName, grantsOf, isGranted, isWildcard } from '../../../connectors/lookup';
import { replaceGrant } from '../../../model/edits/grants';
import type { Workflow } from '../../../model/schema';
import { buildWorkflowIndex } from '../../../workflow-index/workflow-index';
import { defineRule, q } from '../../rule';

/** The exact scopes that steps use through a wildcard grant (known actions only), not granted exactly yet. */
function scopesUnder(wf: Workflow, connectionId: string, wildcard: string): string[] {
  const index = buildWorkflowIndex(wf);
  const exact = new Set(grantsOf(index.connectionById.get(connectionId)));
  const out = new Set<string>();
  for (const r of index.allRequirements()) {
    if (r.connectionId === connectionId && r.resolved.ok && isGranted([wildcard], r.scope) && !exact.has(r.scope)) out.add(r.scope);
  }
  return [...out];
}

export default defineRule(
  'permission/broad-grant',
  'warn',
  'A connection grants a wildcard (`*` or `prefix.*`) instead of exact scopes.',
  (ctx, report) => {
    for (const connection of ctx.connections) {
      for (const grant of new Set(grantsOf(connection))) {
        if (!isWildcard(grant)) continue;
        const name = q(ctx.connectionName(connection));
        const covered = grant === '*' ? 'every action of its connector' : `every scope starting with ${q(grant.slice(0, -1))}`;
        const needed = [...(ctx.scopesUsed().get(connection.id) ?? [])].filter((s) => isGranted([grant], s));
        report({
          connectionId: connection.id,
          scope: grant,
          message: `${name} grants ${q(grant)}: ${covered}, including actions no step needs and ones added later.`,
          hint: needed.length
            ? `Grant the exact scopes the steps use instead: ${needed.join(', ')}.`
            : `No step uses what ${q(grant)} covers: remove it.`,
        });
      }
    }
  },
  {
    /**
     * Replaces a wildcard by the exact scopes the steps use through it, which is unambiguous: the
     * steps keep every permission they need and lose the rest. With none in use, the grant goes.
     */
    fixes(wf, { connectionId, scope }) {
      const connection = wf.connections.find((c) => c.id === connectionId);
      if (!connection || !scope || !isWildcard(scope)) return [];
      const needed = scopesUnder(wf, connection.id, scope);
      const name = connectionName(connection);
      return [
        {
          title: needed.length ? `Replace "${scope}" on "${name}" with ${needed.join(', ')}` : `Remove "${scope}" from "${name}"`,
          apply: (doc) => replaceGrant(doc, connection.id, scope, scopesUnder(doc, connection.id, scope)),
        },
      ];
    },
  },
);
