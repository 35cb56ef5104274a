// The shipped templates through the real analysis: the good ones are free of errors and carry only
// the warnings their description explains; the teaching template has the findings it teaches.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../shared/analysis/analyze';
import type { Finding } from '../../../shared/analysis/types';
import { loadWorkflow } from '../../../shared/model/load';

const DIR = join(import.meta.dirname, '../../../resources/templates');
const EXT = '.flowgate.json';
const TEACHING = 'risky-support-bot';

/**
 * Deliberate warnings and infos of each good template, with the words of its description that
 * explain them. A template missing here fails the test: each one must be looked at.
 */
const DELIBERATE: Record<string, { finding: string; explainedBy: string }[]> = {
  'support-ticket-triage': [],
  'invoice-approval': [],
  'sales-lead-intake': [],
  'employee-onboarding': [],
};

/** `ruleId@target` — the shape the expectations below are written in. */
const key = (f: Finding) => `${f.ruleId}@${f.nodeId ?? f.edgeId ?? f.connectionId ?? 'workflow'}`;

const templates = readdirSync(DIR)
  .filter((f) => f.endsWith(EXT))
  .sort()
  .map((file) => ({ id: file.slice(0, -EXT.length), workflow: loadWorkflow(readFileSync(join(DIR, file), 'utf8')).workflow }));

describe('templates under analysis', () => {
  it('include the good templates and the teaching one', () => {
    expect(templates.map((t) => t.id).sort()).toEqual([...Object.keys(DELIBERATE), TEACHING].sort());
  });

  for (const { id, workflow } of templates.filter((t) => t.id !== TEACHING)) {
    it(`${id}: no errors, and only the warnings its description explains`, () => {
      const result = analyze(workflow);
      expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${key(f)} ${f.message}`)).toEqual([]);
      const expected = DELIBERATE[id] ?? [];
      expect(result.findings.map(key).sort()).toEqual(expected.map((d) => d.finding).sort());
      for (const d of expected) expect(workflow.description).toContain(d.explainedBy);
      expect(result.suppressed.filter((f) => !f.suppressed?.reason)).toEqual([]); // a suppression says why
    });
  }

  it(`${TEACHING}: has the findings it is meant to teach`, () => {
    const bot = templates.find((t) => t.id === TEACHING)!.workflow;
    const result = analyze(bot);
    expect(result.findings.map(key).sort()).toEqual(
      [
        // The AI replies to customers on its own, in "act" mode, with no fallback.
        'gate/missing-approval@n2',
        'ai/unreviewed-action@n2',
        'ai/no-fallback@n2',
        // Refunds and the survey email go out with no approval; the refund is not even granted.
        'gate/missing-approval@n4',
        'permission/exceeds-grant@n4',
        'gate/missing-approval@n6',
        // The only approval guards the delete through its rejected output, which does not count.
        'gate/missing-approval@n8',
        'gate/no-reviewer@n7',
        'gate/no-timeout@n7',
        // Its approved output leads nowhere, and neither does the survey email's error output.
        'graph/dead-end@n7',
        'graph/dead-end@n6',
        // A wildcard grant, an unused grant, and a connection with no hygiene at all.
        'permission/broad-grant@helpdesk',
        'permission/unused-grant@email',
        'integration/no-audit-log@helpdesk',
        'integration/no-revocation@helpdesk',
        'integration/no-maintainer@helpdesk',
        // Nobody owns it and nobody is handed an item.
        'workflow/no-owner@workflow',
        'workflow/no-escalation@workflow',
      ].sort(),
    );
    const severityOf = (k: string) => result.findings.find((f) => key(f) === k)?.severity;
    expect(['gate/missing-approval@n2', 'gate/missing-approval@n4', 'gate/missing-approval@n6', 'gate/missing-approval@n8'].map(severityOf)).toEqual([
      'error',
      'error',
      'error',
      'error',
    ]);
  });
});
