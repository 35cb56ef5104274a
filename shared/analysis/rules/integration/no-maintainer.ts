import { asString } from '../../../model/read';
import { defineRule, q } from '../../rule';

export default defineRule('integration/no-maintainer', 'warn', 'Nobody is named to look after a connection.', (ctx, report) => {
  for (const connection of ctx.connections) {
    if (asString(connection.maintainer).trim()) continue;
    report({
      connectionId: connection.id,
      message: `Nobody is named to look after ${q(ctx.connectionName(connection))}: its account, its grants and its credentials.`,
      hint: 'Name the maintainer of the connection, for example "IT admin".',
    });
  }
});
