// Conformance of event logs with a workflow: read a CSV or XES log, map its activities to steps,
// replay it (optimal alignments), report where reality leaves the design, and calibrate the simulation.
export { LogReadError, casesOf, type EventLog, type LogCase, type LogEvent, type LogFields, type LogFormat } from './log';
export { readCsvLog, guessDelimiter, type CsvParse, type CsvParseOptions, type CsvReadOptions } from './csv';
export { readXesLog } from './xes';
export { readLog, logFormatOf, type ReadLogOptions } from './read';
export { FIELD_FLAGS, FIELD_NAMES, type FieldName } from './fields';
export { parseTimestamp } from './timestamps';
export {
  mapActivities,
  MappingError,
  mappingProblems,
  parseMappingFile,
  savedMapping,
  withSavedMapping,
  type ActivityMap,
  type ActivityMatch,
} from './mapping';
export {
  conform,
  ConformanceError,
  type CaseReplay,
  type Conformance,
  type ConformanceResult,
  type ConformOptions,
  type Deviation,
  type DeviatingCase,
  type Violation,
} from './conform';
export { DEFAULT_ALIGN_LIMITS, type AlignLimits } from './align';
export { applyCalibration, calibrationOf, type Calibration } from './calibrate';
export { conformanceJson, formatConformanceText } from './text';
