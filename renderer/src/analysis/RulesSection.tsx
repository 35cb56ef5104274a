// The Rules panel (a section of Properties): every analysis rule with its title (its id in small type), what it finds, its
// default severity, and this workflow's setting (`lint.rules`): default, off, info, warning, error.
import { RULES } from '../../../shared/analysis/rules/index';
import { ruleChoice, setRuleSetting, type RuleChoice } from '../../../shared/model/edits/lint-settings';
import type { SeveritySetting, Workflow } from '../../../shared/model/schema';
import { Section, Select, cls } from '../panels/controls';
import { InlineMarkdown } from './Markdown';
import { ruleTitle } from '../../../shared/analysis/rule-titles';

const SETTING_LABEL: Record<SeveritySetting, string> = { off: 'Off', info: 'Info', warn: 'Warning', error: 'Error' };

/** The one rule whose severity depends on the finding (see docs/rules/gate/missing-approval.md). */
const DEFAULT_TEXT: Record<string, string> = { 'gate/missing-approval': 'error/warn' };

const CATEGORY_TITLE: Record<string, string> = {
  permission: 'Permissions',
  gate: 'Approval gates',
  ai: 'AI steps',
  escalation: 'Escalation',
  workflow: 'The workflow',
  graph: 'Structure',
  integration: 'Connections',
};

export function defaultText(ruleId: string): string {
  const rule = RULES.find((r) => r.meta.id === ruleId);
  return DEFAULT_TEXT[ruleId] ?? (rule ? SETTING_LABEL[rule.meta.severity].toLowerCase() : '');
}

function categories(): { id: string; rules: (typeof RULES)[number][] }[] {
  const out: { id: string; rules: (typeof RULES)[number][] }[] = [];
  for (const rule of RULES) {
    const id = rule.meta.id.split('/')[0];
    const group = out.find((g) => g.id === id);
    if (group) group.rules.push(rule);
    else out.push({ id, rules: [rule] });
  }
  return out;
}
const CATEGORIES = categories();

export interface RulesSectionProps {
  workflow: Workflow;
  onChange(next: Workflow): void;
  /** Active findings per rule, shown next to each rule. */
  counts?: ReadonlyMap<string, number>;
  onOpenRule?(ruleId: string): void;
}

export function RulesSection({ workflow: wf, onChange, counts, onOpenRule }: RulesSectionProps) {
  const changed = Object.keys(wf.lint?.rules ?? {}).length;
  return (
    <Section title="Analysis rules" testId="rules-panel">
      <p className="fg-panel-hint rules-intro" id="analysis-rules">
        {`How strict the checks are for this workflow. ${changed ? `${changed} ${changed === 1 ? 'rule differs' : 'rules differ'} from the default.` : 'Every rule is at its default.'} Saved in the file’s lint.rules.`}
      </p>
      {CATEGORIES.map((cat) => (
        <div key={cat.id} className="rules-category">
          <span className="fg-panel-sublabel">{CATEGORY_TITLE[cat.id] ?? cat.id}</span>
          <ul className="rules-list">
            {cat.rules.map(({ meta }) => {
              const choice = ruleChoice(wf, meta.id);
              const n = counts?.get(meta.id) ?? 0;
              return (
                <li key={meta.id} className={cls('rule-row', choice !== 'default' && 'is-changed', choice === 'off' && 'is-off')} data-testid={`rule-${meta.id}`}>
                  <div className="rule-row-id">
                    {onOpenRule ? (
                      <button type="button" className="problem-rule rule-title" title="Read about this rule" onClick={() => onOpenRule(meta.id)}>
                        {ruleTitle(meta.id)}
                      </button>
                    ) : (
                      <span className="problem-rule rule-title">{ruleTitle(meta.id)}</span>
                    )}
                    {n ? <span className="rule-count" title={`${n} active ${n === 1 ? 'finding' : 'findings'}`}>{n}</span> : null}
                    <span className="fg-id rule-id" data-testid={`rule-id-${meta.id}`}>
                      {meta.id}
                    </span>
                  </div>
                  <Select
                    value={choice}
                    ariaLabel={`Severity of “${ruleTitle(meta.id)}”`}
                    testId={`rule-setting-${meta.id}`}
                    options={[
                      { value: 'default', label: `Default: ${defaultText(meta.id)}` },
                      { value: 'off', label: 'Off' },
                      { value: 'info', label: 'Info' },
                      { value: 'warn', label: 'Warning' },
                      { value: 'error', label: 'Error' },
                    ]}
                    onChange={(v) => onChange(setRuleSetting(wf, meta.id, v as RuleChoice))}
                  />
                  <span className="rule-desc">
                    <InlineMarkdown text={meta.description} />
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </Section>
  );
}
