// When Camunda's own linter refuses what the exporter built, `flowgate export` writes nothing, exits 2
// and says what the linter found. The exporter is made to build a service task without a job type.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers';
import { runCli } from '../../support/run-cli';

vi.mock('../../../shared/interchange/bpmn/xml', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../shared/interchange/bpmn/xml')>();
  return { ...real, processXml: (input: Parameters<typeof real.processXml>[0]) => real.processXml(input).replace(/<zeebe:taskDefinition type="flowgate\.ai\.classify"[^>]*\/>/, '') };
});

describe('flowgate export when the engine’s check fails', () => {
  it('exits 2, writes nothing and lists what Camunda’s linter found', async () => {
    const dir = await tempDir('flowgate-export-');
    await writeFile(join(dir, 'support.flowgate.json'), readFileSync('resources/templates/support-ticket-triage.flowgate.json', 'utf8'));
    const { code, stderr: err } = await runCli(['export', 'support.flowgate.json', '--to', 'bpmn', '--out', 'support.bpmn'], { cwd: dir, env: process.env });
    expect(code).toBe(2);
    expect(err).toContain("support.flowgate.json: not exported: bpmnlint 11.15.0 with bpmnlint-plugin-camunda-compat 2.61.0 (Camunda 8.8) finds 1 error in the export (a fault in Flowgate's exporter; please report it):");
    expect(err).toContain('camunda-compat/implementation (Activity_n2): Element of type <bpmn:ServiceTask> must have one extension element of type <zeebe:TaskDefinition>');
    expect(existsSync(join(dir, 'support.bpmn'))).toBe(false);
    expect(existsSync(join(dir, 'support.workers.json'))).toBe(false);
  });
});
