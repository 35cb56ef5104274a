// The simulator's public surface: compile a workflow, start or run a simulation, read the trace.
export type { AiDocument, AiLabel, AiProvider, AiRequest, AiResponse } from './ai-provider';
export { compileWorkflow, type CompiledWorkflow } from './compile';
export { dataSetsFrom, NO_DATA, parseDataSetFile, DataSetError, type DataRecord, type DataSets, type DataSetFile } from './datasets';
export { DEFAULT_MAX_STEPS, SimulationRun, startRun, type DecideOptions, type RunOptions, type RunStatus } from './engine';
export { mockAi } from './mock-ai';
export {
  DECISIONS,
  parseSimulationSection,
  scenarioProblems,
  SimulationSpecError,
  type Decision,
  type ReviewerProfile,
  type Scenario,
  type SimulationSection,
} from './scenario';
export { prepareScenarioRun, simulate, simulateAsync, simulateScenario, type ScenarioRequest } from './simulate';
export { formatTraceText } from './text-report';
export { traceToJson, type Trace, type TraceEvent } from './trace';
export {
  batchItemOptions,
  BatchRunner,
  batchToJson,
  defaultBatchInputs,
  intakeDataset,
  itemSeed,
  prepareBatch,
  runBatch,
  type PreparedBatch,
} from './batch';
export { DEFAULT_BATCH_CONCURRENCY, runBatchAsync, type AsyncBatchOptions } from './batch-async';
export { aiUsageSchema, aiUsageText, type AiUsage } from './ai-usage';
export { BatchSettingsError, MAX_BATCH_RUNS, batchSettingsSchema, parseBatchSettings, type BatchSettings, type BatchSettingsInput } from './batch-settings';
export { formatBatchText } from './batch-text';
export { MetricsCollector } from './metrics';
export { batchMetricsSchema, batchResultSchema, type BatchMetrics, type BatchResult, type ReviewerLoad } from './metrics-schema';
