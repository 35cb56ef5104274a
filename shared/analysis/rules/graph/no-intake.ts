import { defineRule } from '../../rule';

export default defineRule('graph/no-intake', 'error', 'The workflow has no intake step, so nothing starts it.', (ctx, report) => {
  if (ctx.intakes.length) return;
  report({
    message: 'The workflow has no intake, so nothing ever starts it.',
    hint: 'Add an intake step: the form, mailbox, ticket queue, webhook or schedule where the process begins.',
  });
});
