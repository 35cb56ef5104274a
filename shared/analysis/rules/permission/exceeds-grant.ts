import { connectionName, covers } from '../../../connectors/lookup';
import { grantScope } from '../../../model/edits/grants';
import { actionPhrase } from '../../../workflow-index/wording';
import type { ResolvedAction } from '../../../connectors/lookup';
import { defineRule, eachStep, isFirstOfId, q } from '../../rule';

/**
 * Whether the connection grants the action, by resolved action: the index resolves each (connection,
 * scope) once into one object, and a connection's grants do not change in place (an edit makes a new
 * connection, and a new index resolves anew).
 */
const GRANTED = new WeakMap<ResolvedAction, boolean>();

function granted(resolved: Extract<ResolvedAction, { ok: true }>, scope: string): boolean {
  let yes = GRANTED.get(resolved);
  if (yes === undefined) {
    yes = covers(resolved.connection, scope);
    GRANTED.set(resolved, yes);
  }
  return yes;
}

export default defineRule(
  'permission/exceeds-grant',
  'error',
  'A step needs a scope that its connection does not grant.',
  [
    eachStep([], (ctx, node, report) => {
      const reqs = isFirstOfId(ctx, node) ? ctx.requirements.get(node.id) : undefined;
      if (!reqs) return;
      let seen: Set<string> | undefined; // made for the steps that miss a grant only
      for (const r of reqs) {
        if (!r.resolved.ok || granted(r.resolved, r.scope)) continue;
        const key = `${r.connectionId}\u0000${r.scope}`;
        if (seen?.has(key)) continue; // the same action as both a source and a tool is one missing grant
        (seen ??= new Set()).add(key);
        const connection = ctx.connectionName(r.resolved.connection);
        report({
          nodeId: r.nodeId,
          connectionId: r.connectionId,
          scope: r.scope,
          message: `${q(ctx.label(node))} needs ${q(r.scope)} (${actionPhrase(r.resolved.action)}), but ${q(connection)} does not grant it.`,
          hint: `Grant ${q(r.scope)} on ${q(connection)}, or choose an action the connection already grants.`,
        });
      }
    }),
  ],
  {
    fixes(wf, { connectionId, scope }) {
      const connection = wf.connections.find((c) => c.id === connectionId);
      if (!connection || !scope) return [];
      return [{ title: `Grant "${scope}" on "${connectionName(connection)}"`, apply: (doc) => grantScope(doc, connection.id, scope) }];
    },
  },
);
