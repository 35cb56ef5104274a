import { defineRule, q } from '../../rule';

export default defineRule('integration/no-audit-log', 'warn', 'A connection keeps no audit log of what the workflow does with it.', (ctx, report) => {
  for (const connection of ctx.connections) {
    if (connection.logging === true) continue;
    report({
      connectionId: connection.id,
      message: `${q(ctx.connectionName(connection))} keeps no audit log, so nobody can trace afterwards what the workflow did with it.`,
      hint: 'Turn on logging for the connection, and make sure the system behind it records the actions of its identity.',
    });
  }
});
