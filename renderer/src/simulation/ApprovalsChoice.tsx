// Who decides at the approvals of a single run, one click away above the Run button: the person
// rehearsing ("Ask me", the default: a first run shows the approval), or the scenario's scripted
// decisions and the reviewers' profiles. Batches always follow the profiles.
import type { ApprovalMode } from '../../../shared/api/simulation-contract';
import { SegmentedRadio } from '../panels/SegmentedRadio';

const ORDER: readonly ApprovalMode[] = ['ask', 'scenario'];

const LABEL: Record<ApprovalMode, string> = { ask: 'Ask me', scenario: 'Scenario and profiles' };

/** What the chosen behaviour means, under the switch. */
export const APPROVALS_HINT: Record<ApprovalMode, string> = {
  ask: 'The run waits at every approval for you to decide in the reviewer’s place.',
  scenario: 'The scenario’s scripted decisions decide, else the reviewer’s profile; the run asks you only where neither does.',
};

export function ApprovalsChoice({ value, onChange }: { value: ApprovalMode; onChange(mode: ApprovalMode): void }) {
  return (
    <div className="fg-panel-field sim-approvals">
      <span className="fg-panel-label" id="sim-approvals-label">
        At approvals
      </span>
      <SegmentedRadio values={ORDER} value={value} onChange={onChange} labels={LABEL} labelledBy="sim-approvals-label" testId="sim-approvals" wide />
      <span className="fg-panel-hint" data-testid="sim-approvals-hint">
        {APPROVALS_HINT[value]}
      </span>
    </div>
  );
}
