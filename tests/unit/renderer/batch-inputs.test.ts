// A batch's inputs as the panel offers them: the scenarios, the sample data that fits the intake (the
// set it reads first, then by the intake's fields its records have), the others; and a warning before
// a batch whose every item would start empty.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { RESOURCES_DIR } from '../../../cli/repo';
import { blankWorkflow } from '../../../shared/model/edits/workflow';
import { addNode } from '../../../shared/model/edits/graph';
import { loadWorkflow } from '../../../shared/model/load';
import type { Workflow } from '../../../shared/model/schema';
import { prepareBatch } from '../../../shared/simulation/batch';
import type { DatasetInfo } from '../../../shared/simulation/dataset-fit';
import { batchInputs, emptyInputsWarning } from '../../../renderer/src/batch/inputs';
import { datasetValue, SCENARIOS } from '../../../renderer/src/batch/form';

const data = loadSampleData();
const NAMES = ['articles', 'customers', 'employees', 'invoices', 'leads', 'tickets'];
/** The data sets as sim.datasets lists them. */
const DATASETS: DatasetInfo[] = NAMES.map((name) => {
  const records = data.get(name)!;
  return { name, records: records.length, fields: [...new Set(records.flatMap((r) => Object.keys(r)))] };
});
const template = (name: string): Workflow => loadWorkflow(readFileSync(join(RESOURCES_DIR, 'templates', `${name}.flowgate.json`), 'utf8')).workflow;
const values = (g: { options: { value: string }[] }) => g.options.map((o) => o.value);

/** A workflow without scenarios whose intake collects these fields (from no system). */
function formWorkflow(fields: string[]): Workflow {
  const { workflow, id } = addNode(blankWorkflow('w', 'Refunds'), 'intake', { x: 0, y: 0 });
  return { ...workflow, nodes: workflow.nodes.map((n) => (n.id === id ? { ...n, config: { source: 'form', fields } } : n)) as Workflow['nodes'] };
}

describe('the inputs a batch is offered', () => {
  it('lists the scenarios first, then the set the intake reads, then the sets by how many intake fields they have', () => {
    const inputs = batchInputs(template('support-ticket-triage'), 'tickets', DATASETS);
    expect(inputs.fallback).toBe(SCENARIOS);
    expect(inputs.groups.map((g) => g.label)).toEqual([null, 'Sample data that fits the intake', 'Other sample data']);
    expect(values(inputs.groups[0])).toEqual([SCENARIOS]);
    expect(inputs.groups[0].options[0].label).toBe('The 6 scenarios of this workflow, in turn');
    expect(inputs.groups[1].options[0]).toEqual({ value: datasetValue('tickets'), label: '“tickets” · 29 records · the intake reads it' });
    // No other set has a ticket's fields (customers have "email", not "customerEmail").
    expect(values(inputs.groups[1])).toEqual([datasetValue('tickets')]);
    expect(inputs.groups[2].options.map((o) => o.label)).toContain('“articles” · 30 records · has 1 of the 5 intake fields');
    expect(emptyInputsWarning(template('support-ticket-triage'), SCENARIOS, inputs)).toBeNull();
    expect(emptyInputsWarning(template('support-ticket-triage'), datasetValue('tickets'), inputs)).toBeNull();
    expect(emptyInputsWarning(template('support-ticket-triage'), datasetValue('articles'), inputs)?.text).toMatch(
      /^The records of “articles” lack most of the intake’s fields \(ticketId, subject, customerEmail, customerName\).* Use “tickets”, which the intake reads from/,
    );
  });

  it('starts a workflow without scenarios on the set whose records carry most of its intake’s fields', () => {
    const wf = formWorkflow(['name', 'email', 'company', 'message']);
    const inputs = batchInputs(wf, null, DATASETS);
    const fitting = inputs.groups.find((g) => g.label === 'Sample data that fits the intake')!;
    // Leads have all four; customers three (no message); tickets none of these names.
    expect(values(fitting).slice(0, 2)).toEqual([datasetValue('leads'), datasetValue('customers')]);
    expect(fitting.options[0].label).toBe('“leads” · 24 records · has every intake field');
    expect(fitting.options[1].label).toBe('“customers” · 36 records · has 3 of the 4 intake fields');
    expect(inputs.fallback).toBe(datasetValue('leads'));
    // "No scenarios" is still there, last, and says what it means.
    expect(inputs.groups.at(-1)!.options).toEqual([{ value: SCENARIOS, label: 'No scenarios: every item would start empty' }]);
    expect(emptyInputsWarning(wf, datasetValue('leads'), inputs)).toBeNull();
  });
});

describe('inputs that would start every item empty', () => {
  it('are said before the batch runs, with the set to use instead', () => {
    const wf = formWorkflow(['name', 'email', 'company', 'message']);
    const inputs = batchInputs(wf, null, DATASETS);
    const none = emptyInputsWarning(wf, SCENARIOS, inputs)!;
    expect(none.text).toMatch(/^This workflow has no scenarios, so every item would start with an empty input/);
    expect(none.text).toContain('Use “leads”, which has the intake’s fields, or add a scenario.');
    expect(none.suggest?.name).toBe('leads');
    const unrelated = emptyInputsWarning(wf, datasetValue('articles'), inputs)!;
    expect(unrelated.text).toMatch(/^The records of “articles” have none of the intake’s fields \(name, email, company, message\)/);
    // What the warning warns about is what a batch does: with no scenarios, every item's input is empty.
    expect(prepareBatch(wf, data, { runs: 5, seed: 1, inputs: { from: 'scenarios' } }).variations.map((v) => v.input)).toEqual([{}]);
  });

  it('counts scenarios whose inputs are all empty as empty, and a set without records', () => {
    const wf = { ...formWorkflow(['subject']), simulation: { scenarios: [{ id: 's1', name: 'Nothing', input: {} }] } } as Workflow;
    const inputs = batchInputs(wf, null, [...DATASETS, { name: 'empty', records: 0, fields: [] }]);
    expect(emptyInputsWarning(wf, SCENARIOS, inputs)!.text).toMatch(/^Every scenario of this workflow has an empty input/);
    expect(emptyInputsWarning(wf, datasetValue('empty'), inputs)!.text).toMatch(/^The data set “empty” has no records/);
    // A set without records never counts as fitting, whatever its fields.
    expect(inputs.groups.find((g) => g.label === 'Sample data that fits the intake')!.options.map((o) => o.value)).not.toContain(datasetValue('empty'));
  });
});
