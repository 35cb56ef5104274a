// The analysis follows Settings → AI: sensitive data sent to an "external" AI step is flagged while the
// provider is remote, and not once it points at this computer — including for documents analysed before.
import { describe, expect, it } from 'vitest';
import type { Workflow } from '../../../shared/model/schema';
import { createAnalysisStore } from '../../../renderer/src/store/analysis';
import { createDocumentStore } from '../../../renderer/src/store/document';
import { template } from './analysis-fixtures';

function externalSupport(): Workflow {
  const wf = template('support-ticket-triage');
  return { ...wf, nodes: wf.nodes.map((n) => (n.id === 'n2' && n.kind === 'ai' ? { ...n, config: { ...n.config, provider: 'external' as const } } : n)) };
}

describe('analysis store and the AI provider’s location', () => {
  it('drops ai/sensitive-data when the provider becomes local, and brings it back when it is remote again', () => {
    let local = false;
    const doc = createDocumentStore();
    doc.load(externalSupport());
    const analysis = createAnalysisStore(doc, { analyzeOptions: () => ({ externalProviderIsLocal: local }) });
    analysis.flush();
    const sensitive = () => analysis.state.result.findings.filter((f) => f.ruleId === 'ai/sensitive-data').map((f) => f.nodeId);
    expect(sensitive()).toEqual(['n2']);

    local = true;
    analysis.optionsChanged();
    expect(sensitive()).toEqual([]);

    local = false;
    analysis.optionsChanged();
    expect(sensitive()).toEqual(['n2']);
    analysis.dispose();
  });
});
