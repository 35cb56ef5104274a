import type { WorkflowNode } from '../../../model/schema';
import { asString } from '../../../model/read';
import type { Requirement } from '../../../workflow-index/requirements';
import type { AnalysisContext } from '../../context';
import type { Report } from '../../types';
import { defineRule, eachStep, isFirstOfId, q, workflowWide } from '../../rule';

export default defineRule('permission/unknown-connection', 'error', 'A step names a connection or an action that does not exist.', [
  // A connection whose connector Flowgate does not know: one finding on the connection, not one per step.
  workflowWide((ctx, report) => {
    for (const connection of ctx.connections) {
      if (ctx.connectorOf(connection)) continue;
      report({
        connectionId: connection.id,
        message: `The connection ${q(ctx.connectionName(connection))} uses the connector ${q(asString(connection.connector))}, which is neither built in nor defined in this file.`,
        hint: 'Pick one of the built-in connectors, or define a custom connector with this id in the file’s connectors list.',
      });
    }
  }),

  // An integration step does nothing without both; the kind registry then lists no requirement to check.
  eachStep([], (ctx, node, report) => {
    if (node.kind !== 'integration') return;
    const config = ctx.configOf(node);
    const missing = [!asString(config.connection) && 'connection', !asString(config.action) && 'action'].filter(Boolean);
    if (!missing.length) return;
    report({
      nodeId: node.id,
      message: `${q(ctx.label(node))} has no ${missing.join(' and no ')} chosen, so it does nothing.`,
      hint: 'Choose a connection and one of its actions in the inspector.',
    });
  }),

  eachStep([], (ctx, node, report) => {
    const reqs = isFirstOfId(ctx, node) ? ctx.requirements.get(node.id) : undefined;
    if (reqs) for (const r of reqs) unknownReference(ctx, node, r, report);
  }),
]);

/** A reference of `node` that resolves to no connection, or to no action of a known connector. */
function unknownReference(ctx: AnalysisContext, node: WorkflowNode, r: Requirement, report: Report): void {
  if (r.resolved.ok || r.resolved.problem === 'unknown-connector') return;
  const step = q(ctx.label(node));
  const what = r.role === 'source' ? 'a knowledge source' : r.role === 'tool' ? 'a tool' : 'an action';
  if (r.resolved.problem === 'unknown-connection') {
    report({
      nodeId: r.nodeId,
      message: r.connectionId
        ? `${step} uses the connection ${q(r.connectionId)}, which this workflow does not have.`
        : `${step} has ${what} with no connection chosen.`,
      hint: 'Choose one of the workflow’s connections, or add the missing connection in the Connections panel.',
    });
    return;
  }
  const connection = ctx.connectionById.get(r.connectionId);
  const connector = connection && ctx.connectorOf(connection);
  report({
    nodeId: r.nodeId,
    connectionId: r.connectionId,
    message: r.scope
      ? `${step} uses ${q(r.scope)} on ${q(ctx.connectionName(connection))}, but the ${asString(connector?.label) || asString(connector?.id) || 'connection’s'} connector has no such action.`
      : `${step} has ${what} on ${q(ctx.connectionName(connection))} with no action chosen.`,
    hint: 'Choose one of the actions the connector offers.',
  });
}
