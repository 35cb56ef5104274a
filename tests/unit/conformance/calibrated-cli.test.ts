// `flowgate conform --calibrate` then `flowgate simulate --runs`: the batch says on stderr that it
// follows the log (and what of the calibration it left out), and its JSON is the batch's as before.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSampleData } from '../../../cli/commands/simulate';
import { batchToJson, runBatch } from '../../../shared/simulation/batch';
import { loadWorkflow } from '../../../shared/model/load';
import { ROOT, SUPPORT } from './helpers';
import { runCli } from '../../support/run-cli';

const flowgate = (...args: string[]) => runCli(args, { cwd: ROOT });

describe('a batch of a calibrated workflow on the command line', () => {
  it('says it follows the log, and what it left out of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fg-calibrated-'));
    const calibrated = join(dir, 'calibrated.flowgate.json');
    const done = await flowgate('conform', SUPPORT, 'resources/sample-logs/support-ticket-triage.csv', '--calibrate', '--out', calibrated);
    expect(done.code).toBe(0);
    const batch = await flowgate('simulate', calibrated, '--runs', '500', '--format', 'json');
    expect(batch.code).toBe(0);
    expect(batch.stderr).toBe("The workflow is calibrated from support-ticket-triage.csv (200 cases): its steps take the log's outputs and times, and the fault rates apply only to the others.\n");
    const workflow = loadWorkflow(readFileSync(calibrated, 'utf8')).workflow;
    expect(batch.stdout).toBe(batchToJson(runBatch(workflow, loadSampleData(), { runs: 500 })));

    // A step removed since: its numbers are left out, and the batch says so.
    const edited = { ...JSON.parse(readFileSync(calibrated, 'utf8')), nodes: workflow.nodes.filter((n) => n.id !== 'n14'), edges: workflow.edges.filter((e) => e.source !== 'n14' && e.target !== 'n14') };
    const editedFile = join(dir, 'edited.flowgate.json');
    writeFileSync(editedFile, JSON.stringify(edited));
    const again = await flowgate('simulate', editedFile, '--runs', '10');
    expect(again.stderr).toContain('The calibrated time of "n14" is not used: the workflow has no such step any more.\n');
  }, 60_000);

  it('says nothing of the kind for a workflow that is not calibrated', async () => {
    const batch = await flowgate('simulate', SUPPORT, '--runs', '10', '--format', 'json');
    expect(batch.stderr).toBe('');
  });
});
