// The Camunda 8 versions an export can target. Every element the exporter writes is available in
// all of them (zeebe:priorityDefinition on user tasks, the newest, came with 8.6); the version picks
// the engine lint's rules and the version stamped into the files.
import { ExportError } from '../types';

export const CAMUNDA_VERSIONS = ['8.6', '8.7', '8.8'] as const;
export type CamundaVersion = (typeof CAMUNDA_VERSIONS)[number];
export const DEFAULT_CAMUNDA_VERSION: CamundaVersion = '8.8';

/** The version asked for, or the default; anything else is refused with the versions there are. */
export function camundaVersion(option: unknown): CamundaVersion {
  if (option === undefined || option === null || option === '') return DEFAULT_CAMUNDA_VERSION;
  const text = String(option).trim();
  const found = CAMUNDA_VERSIONS.find((v) => v === text || `${v}.0` === text);
  if (!found) throw new ExportError(`Camunda ${text} is not a version Flowgate exports to: choose ${CAMUNDA_VERSIONS.join(', ')}.`, { path: 'camunda' });
  return found;
}

/** "8.8" → "8.8.0", as Camunda Modeler writes executionPlatformVersion. */
export function platformVersion(v: CamundaVersion): string {
  return `${v}.0`;
}
