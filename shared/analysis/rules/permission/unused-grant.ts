import { connectionName, grantsOf, isGranted, isWildcard } from '../../../connectors/lookup';
import { removeGrant } from '../../../model/edits/grants';
import { defineRule, q } from '../../rule';

export default defineRule(
  'permission/unused-grant',
  'warn',
  'A connection grants a scope that no step uses.',
  (ctx, report) => {
    // Every scope a step names counts as used, resolved or not: a misspelt action is unknown-connection's finding.
    for (const connection of ctx.connections) {
      const scopes = ctx.scopesUsed().get(connection.id) ?? new Set<string>();
      for (const grant of new Set(grantsOf(connection))) {
        const inUse = isWildcard(grant) ? [...scopes].some((s) => isGranted([grant], s)) : scopes.has(grant);
        if (inUse) continue;
        const name = q(ctx.connectionName(connection));
        report({
          connectionId: connection.id,
          scope: grant,
          message: isWildcard(grant)
            ? `${name} grants ${q(grant)}, but no step uses any scope it covers.`
            : `${name} grants ${q(grant)}, but no step uses it.`,
          hint: `Remove ${q(grant)} from the grants of ${name}: a connection should hold only what its steps need.`,
        });
      }
    }
  },
  {
    fixes(wf, { connectionId, scope }) {
      const connection = wf.connections.find((c) => c.id === connectionId);
      if (!connection || !scope) return [];
      return [{ title: `Remove the unused grant "${scope}" from "${connectionName(connection)}"`, apply: (doc) => removeGrant(doc, connection.id, scope) }];
    },
  },
);
