import { asString } from '../../../model/read';
import { defineRule } from '../../rule';

export default defineRule('workflow/no-owner', 'warn', 'Nobody owns the workflow.', (ctx, report) => {
  if (asString(ctx.wf?.owner).trim()) return;
  report({
    message: 'Nobody owns this workflow, so nobody answers for what it does or keeps it up to date.',
    hint: 'Name the role that owns the process in the workflow’s properties, for example "Support lead".',
  });
});
