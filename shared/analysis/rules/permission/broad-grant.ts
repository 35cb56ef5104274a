import { grants } from '../../context';
import { isGranted, isWildcard } from '../../../connectors/lookup';
import { defineRule, q } from '../../rule';

export default defineRule('permission/broad-grant', 'warn', 'A connection grants a wildcard (`*` or `prefix.*`) instead of exact scopes.', (ctx, report) => {
  for (const connection of ctx.connections) {
    for (const grant of new Set(grants(connection))) {
      if (!isWildcard(grant)) continue;
      const name = q(ctx.connectionName(connection));
      const covered = grant === '*' ? 'every action of its connector' : `every scope starting with ${q(grant.slice(0, -1))}`;
      const needed = [...(ctx.scopesUsed.get(connection.id) ?? [])].filter((s) => isGranted([grant], s));
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
});
