// Each rule's title: what it checks, in a few plain words, for the places people read (the Problems
// panel, the step's findings, Properties → Analysis rules, the rule's page). The id stays what the
// file (`lint.rules`, `lint.disable`) and the command line use, and is shown second, in small type.
const TITLES: Readonly<Record<string, string>> = {
  'permission/exceeds-grant': 'Needs more than its connection grants',
  'permission/unknown-connection': 'Names a connection or action that does not exist',
  'permission/unused-grant': 'Granted but never used',
  'permission/broad-grant': 'Wildcard grant',
  'gate/missing-approval': 'Sensitive action without an approval',
  'gate/no-reviewer': 'Approval without a reviewer',
  'gate/no-reject-path': 'Nothing happens after a rejection',
  'gate/no-timeout': 'Approval that can wait forever',
  'ai/unreviewed-action': 'AI acts without review',
  'ai/no-fallback': 'No way on when the AI is unsure or fails',
  'ai/sensitive-data': 'Sensitive data sent to an external AI',
  'escalation/no-target': 'Escalation to nobody',
  'workflow/no-escalation': 'No way to hand an item to a person',
  'workflow/no-owner': 'Nobody owns the workflow',
  'graph/no-intake': 'Nothing starts the workflow',
  'graph/no-end': 'No end step',
  'graph/unreachable': 'Step that never runs',
  'graph/dead-end': 'Step with nothing after it',
  'graph/unbounded-loop': 'Loop without a way out',
  'integration/no-audit-log': 'Calls not logged',
  'integration/no-revocation': 'No way to revoke access written down',
  'integration/no-maintainer': 'Nobody looks after the connection',
  'integration/unknown-effect': 'Action whose effect is unknown',
  'rule-error': 'A check that failed to run',
};

/** A rule's title; a rule without one written here is named from its id ("gate/stale-approval" → "Stale approval"). */
export function ruleTitle(ruleId: string): string {
  const title = TITLES[ruleId];
  if (title) return title;
  const name = (ruleId.split('/').pop() ?? ruleId).replace(/[-_]+/g, ' ').trim();
  return name ? name[0].toUpperCase() + name.slice(1) : ruleId;
}

/** The rule ids that have a written title (for the test that every rule has one). */
export function titledRuleIds(): string[] {
  return Object.keys(TITLES);
}
