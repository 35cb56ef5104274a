// A rule's page (docs/rules/<id>.md, shipped inside the app), with this workflow's setting for the
// rule. Links to other rules open their page here.
import { useState } from 'react';
import { ruleById } from '../../../shared/analysis/rules/index';
import { docsPath } from '../../../shared/analysis/types';
import { useApp, useDoc } from '../app/context';
import { Dialog } from '../dialogs/Dialog';
import { Select } from '../panels/controls';
import { ruleChoice, setRuleSetting, type RuleChoice } from '../../../shared/model/edits/lint-settings';
import { Markdown } from './Markdown';
import { ruleTitle } from '../../../shared/analysis/rule-titles';
import { defaultText } from './RulesSection';
import { linkedRule, rulePage } from './ruleDocs';

export function RuleDialog({ ruleId, resolve }: { ruleId: string; resolve(v: null): void }) {
  const app = useApp();
  const wf = useDoc((s) => s.workflow);
  const [id, setId] = useState(ruleId);
  const rule = ruleById(id);
  const page = rulePage(id);
  return (
    <Dialog
      title={ruleTitle(id)}
      testId="dialog-rule"
      wide
      initialFocus=".dialog-foot .btn-primary"
      onDismiss={() => resolve(null)}
      footer={
        <>
          <span className="muted small rule-page-path">
            <span className="fg-id" data-testid="rule-dialog-id">
              {id}
            </span>{' '}
            · {docsPath(id)}
          </span>
          <span className="spacer" />
          <button type="button" className="btn btn-primary" onClick={() => resolve(null)}>
            Close
          </button>
        </>
      }
    >
      {rule ? (
        <div className="rule-page-head">
          {/* The page opens with the description; without a page, say it here. */}
          {page ? null : <p className="rule-page-desc">{rule.meta.description}</p>}
          {wf ? (
            <label className="rule-page-setting">
              <span>{`In this workflow (default: ${defaultText(id)})`}</span>
              <Select
                value={ruleChoice(wf, id)}
                testId="rule-dialog-setting"
                options={[
                  { value: 'default', label: 'Default' },
                  { value: 'off', label: 'Off' },
                  { value: 'info', label: 'Info' },
                  { value: 'warn', label: 'Warning' },
                  { value: 'error', label: 'Error' },
                ]}
                onChange={(v) => app.commitAnalysisEdit(setRuleSetting(wf, id, v as RuleChoice))}
              />
            </label>
          ) : null}
        </div>
      ) : (
        <p>{id === 'rule-error' ? 'A rule failed while checking the workflow. This is a bug in Flowgate, not in your workflow; the other rules ran normally.' : 'Flowgate has no page for this rule.'}</p>
      )}
      {page ? (
        <Markdown
          text={page}
          skipTitle
          resolveLink={(href) => linkedRule(id, href)}
          onLink={setId}
        />
      ) : null}
    </Dialog>
  );
}
