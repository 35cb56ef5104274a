// `flowgate simulate`: rehearses one scenario of a workflow offline and prints the trace, as text for
// people or as JSON that is byte-for-byte the same on every run (for scripts, CI and golden files).
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { dataSetsFrom, parseDataSetFile, type DataRecord, type DataSets } from '../../shared/simulation/datasets';
import { DECISIONS, scenarioProblems, SimulationSpecError, type Decision } from '../../shared/simulation/scenario';
import { prepareScenarioRun, simulate, simulateAsync } from '../../shared/simulation/simulate';
import { formatTraceText } from '../../shared/simulation/text-report';
import { traceToJson } from '../../shared/simulation/trace';
import { checkBaseUrl, cliAi, defaultDataDir, traceWithUsage, usageLine } from '../../electron/backend/ai/cli-ai';
import { RESOURCES_DIR } from '../repo';
import { readWorkflow } from '../read-workflow';
import { terminalText } from '../terminal-text';

import { listed } from './list';
import { parseCommandArgs } from '../parse-args';
import { EXIT_USAGE, type CliCommand, type CliIo } from '../types';
import { BATCH_OPTIONS, BATCH_USAGE, batchOnlyFlags, batchSettingsFromFlags, needsRuns, simulateBatch, simulateModelBatch } from './simulate-batch';

export const SAMPLE_DATA_DIR = join(RESOURCES_DIR, 'sample-data');

const USAGE = `Usage: flowgate simulate FILE [--scenario ID] [--seed N] [--decide NODE=approved|rejected|timeout]... [--format text|json]
                        [--ai-base-url URL] [--ai-model NAME] [--data-dir DIR]
       flowgate simulate FILE --runs N [--seed N] [--dataset NAME] [--ai-unavailable P] [--ai-unsure P] [--connector-failure P] [--sla MINUTES] [--format text|json]
                        [--ai-base-url URL] [--ai-model NAME] [--data-dir DIR] [--yes | --max-calls N]

Rehearses a run of a workflow file (*.flowgate.json) offline, against mock systems filled with the
sample data in resources/sample-data/: nothing is sent and no real system is touched. Prints every
step, connector call (allowed or denied), AI answer and approval, what would have changed and what
would have been sent.

Options:
  --scenario ID        The scenario of the file's "simulation" section to run (default: the first)
  --seed N             Seed of the random choices (durations, reviewer behaviour); default 1.
                       The same file, scenario and seed always give the same run.
  --decide NODE=D      Decide the approval step NODE (approved, rejected or timeout); may be repeated.
                       An approval decided neither here, nor by the scenario, nor by a reviewer
                       profile is approved, and the output says so.
  --format text|json   text (default), or the trace as JSON
  --ai-base-url URL    Run the AI steps marked "external" on this OpenAI-compatible server
                       (https://api.openai.com/v1, or a local one such as http://localhost:11434/v1);
                       the API key is read from FLOWGATE_AI_API_KEY. Other AI steps stay on the mock.
  --ai-model NAME      The model those steps use
  --data-dir DIR       Where the app keeps its AI settings, used when the flags above are not given
                       (default ~/.flowgate)
${BATCH_USAGE}
  --yes, -y            With --runs and AI steps on a model: send the batch's calls even when there are
                       more than the app's "ask before a batch makes more calls than" (default 20)
  --max-calls N        ... or allow this batch up to N calls; it is refused when it would make more

Exit codes:
  0  the run ended, at an end step or stopped (the reason is in the output)
  2  the file cannot be read or is not a valid workflow, the scenario or a step does not exist,
     or the options are wrong
`;

/** The names of the sample data sets (their file names), for messages. */
export function sampleDataNames(dir: string = SAMPLE_DATA_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Reads every `*.json` data set of a folder (the app's sample data by default). */
export function loadSampleData(dir: string = SAMPLE_DATA_DIR): DataSets {
  const sets: Record<string, DataRecord[]> = {};
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const file = parseDataSetFile(JSON.parse(readFileSync(join(dir, name), 'utf8')));
    sets[file.name] = file.records as DataRecord[];
  }
  return dataSetsFrom(sets);
}

/** The sample data for a command, or null after saying on stderr why it cannot be read. */
export function readSampleData(io: Pick<CliIo, 'stderr'>): DataSets | null {
  try {
    return loadSampleData();
  } catch (e) {
    io.stderr.write(`The sample data in ${SAMPLE_DATA_DIR} cannot be read: ${(e as Error).message}\n`);
    return null;
  }
}

/** --seed as a number (1 without it), or a message saying what is wrong. */
export function seedFromFlag(raw: string | undefined): number | string {
  if (raw === undefined) return 1;
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(Number(raw))) return `--seed must be a whole number, not "${terminalText(raw)}".`;
  return Number(raw);
}

/** "n8=approved" → ["n8", "approved"], or a message saying what is wrong. */
function parseDecision(raw: string): [string, Decision] | string {
  const at = raw.lastIndexOf('=');
  const node = raw.slice(0, at).trim();
  const decision = raw.slice(at + 1).trim();
  if (at <= 0 || !node) return `--decide needs NODE=DECISION, like "n8=approved", not "${terminalText(raw)}".`;
  if (!(DECISIONS as readonly string[]).includes(decision)) return `--decide ${terminalText(node)}: the decision must be approved, rejected or timeout, not "${terminalText(decision)}".`;
  return [node, decision as Decision];
}

export const simulateCommand: CliCommand = {
  ...listed('simulate'),
  usage: USAGE,

  async run(argv, io) {
    const parsed = parseCommandArgs('simulate', argv, {
      scenario: { type: 'string' },
      seed: { type: 'string' },
      decide: { type: 'string', multiple: true },
      format: { type: 'string', default: 'text' },
      'ai-base-url': { type: 'string' },
      'ai-model': { type: 'string' },
      'data-dir': { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      'max-calls': { type: 'string' },
      ...BATCH_OPTIONS,
    }, io);
    if (!parsed) return EXIT_USAGE;
    const { values, positionals } = parsed;
    if (values.format !== 'text' && values.format !== 'json') {
      io.stderr.write(`--format must be "text" or "json", not "${terminalText(values.format)}".\n`);
      return EXIT_USAGE;
    }
    if (positionals.length !== 1) {
      io.stderr.write(`Name one workflow file.\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    const seed = seedFromFlag(values.seed);
    if (typeof seed === 'string') {
      io.stderr.write(`${seed}\n`);
      return EXIT_USAGE;
    }
    const decisions: Record<string, Decision> = {};
    for (const raw of values.decide ?? []) {
      const d = parseDecision(raw);
      if (typeof d === 'string') {
        io.stderr.write(`${d}\n`);
        return EXIT_USAGE;
      }
      decisions[d[0]] = d[1];
    }

    const baseUrlProblem = values['ai-base-url'] === undefined ? null : checkBaseUrl(values['ai-base-url']);
    if (baseUrlProblem) {
      io.stderr.write(`${baseUrlProblem}\n`);
      return EXIT_USAGE;
    }

    const file = positionals[0];
    const workflow = readWorkflow(resolve(io.cwd, file), file, io);
    if (!workflow) return EXIT_USAGE;

    const datasets = readSampleData(io);
    if (!datasets) return EXIT_USAGE;

    const aiOptions = { dataDir: resolve(io.cwd, values['data-dir'] ?? defaultDataDir()), baseUrl: values['ai-base-url'], model: values['ai-model'], env: io.env };
    if (values.runs !== undefined) {
      const single = ['scenario', 'decide'].filter((k) => values[k as keyof typeof values] !== undefined);
      if (single.length) {
        io.stderr.write(`--runs runs a batch: ${single.map((k) => `--${k}`).join(', ')} ${single.length === 1 ? 'is' : 'are'} for a single run.\n`);
        return EXIT_USAGE;
      }
      const settings = batchSettingsFromFlags(values, seed);
      if (typeof settings === 'string') {
        io.stderr.write(`${settings}\n`);
        return EXIT_USAGE;
      }
      let maxCalls: number | null = null;
      if (values['max-calls'] !== undefined) {
        const raw = values['max-calls'].replace(/[,_]/g, '');
        if (!/^\d+$/.test(raw)) {
          io.stderr.write(`--max-calls must be a whole number, 0 or more, not "${terminalText(values['max-calls'])}".\n`);
          return EXIT_USAGE;
        }
        maxCalls = Number(raw);
      }
      const ai = await cliAi(workflow, aiOptions);
      if (!ai.ok) {
        io.stderr.write(`${ai.message}\n`);
        return EXIT_USAGE;
      }
      for (const w of ai.warnings) io.stderr.write(`${w}\n`);
      if (!ai.provider) return simulateBatch(workflow, datasets, sampleDataNames(), file, settings, values.format, io);
      return simulateModelBatch(workflow, datasets, sampleDataNames(), file, settings, values.format, io, {
        provider: ai.provider,
        model: ai.model,
        baseUrl: ai.baseUrl,
        usage: ai.usage,
        maxCalls: maxCalls ?? ai.maxCallsWithoutAsking,
        confirmed: values.yes === true,
        fromFlag: maxCalls !== null,
      });
    }
    const batchOnly = [...batchOnlyFlags(values), ...(values.yes ? ['--yes'] : []), ...(values['max-calls'] !== undefined ? ['--max-calls'] : [])];
    if (batchOnly.length) {
      io.stderr.write(needsRuns(batchOnly));
      return EXIT_USAGE;
    }

    let prepared;
    try {
      prepared = prepareScenarioRun(workflow, datasets, { scenarioId: values.scenario, seed, decisions });
    } catch (e) {
      if (!(e instanceof SimulationSpecError)) throw e;
      io.stderr.write(`${terminalText(file)}: ${terminalText(e.message)}\n`);
      return EXIT_USAGE;
    }
    const problems = scenarioProblems(workflow, prepared.section, prepared.scenario.id);
    if (problems.length) {
      for (const p of problems) io.stderr.write(`${terminalText(file)}: ${terminalText(p.path)}: ${terminalText(p.message)}\n`);
      return EXIT_USAGE;
    }

    const ai = await cliAi(workflow, aiOptions);
    if (!ai.ok) {
      io.stderr.write(`${ai.message}\n`);
      return EXIT_USAGE;
    }
    for (const w of ai.warnings) io.stderr.write(`${w}\n`);
    if (!ai.provider) {
      const trace = simulate(prepared.compiled, prepared.options);
      io.stdout.write(values.format === 'json' ? traceToJson(trace) : formatTraceText(trace, workflow, terminalText));
      return 0;
    }
    io.stderr.write(`AI steps ${terminalText(ai.nodes.join(', '))} run on the model "${terminalText(ai.model)}" at ${terminalText(ai.baseUrl)}.\n`);
    const trace = await simulateAsync(prepared.compiled, { ...prepared.options, ai: ai.provider });
    const usage = ai.usage();
    io.stdout.write(values.format === 'json' ? traceToJson(traceWithUsage(trace, usage)) : `${formatTraceText(trace, workflow, terminalText)}${usageLine(usage)}\n`);
    return 0;
  },
};
