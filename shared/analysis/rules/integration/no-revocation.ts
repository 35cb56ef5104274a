import { asString } from '../../../model/read';
import { defineRule, q } from '../../rule';

export default defineRule('integration/no-revocation', 'warn', 'A connection does not say how to revoke its access.', (ctx, report) => {
  for (const connection of ctx.connections) {
    if (asString(connection.revocation).trim()) continue;
    report({
      connectionId: connection.id,
      message: `${q(ctx.connectionName(connection))} does not say how to revoke its access, so cutting it off in a hurry means searching first.`,
      hint: 'Write down how to switch off its identity, for example "Disable svc-ai-triage in the help desk admin".',
    });
  }
});
