// Edits of what a workflow keeps from comparing it with an event log: the mapping of the log's
// activities to steps (`conformance.activities`, which `flowgate conform` and the app both read) and
// the simulation numbers calibrated from the log. Each returns a new document, or the same one when
// nothing changes, so the app applies it as one undo step.
import { applyCalibration, type Calibration } from '../../conformance/calibrate';
import type { Workflow } from '../schema';
import { sameValue } from './same';

type ConformanceSection = { activities?: Record<string, string> } & Record<string, unknown>;
type WithConformance = Workflow & { conformance?: ConformanceSection };

/**
 * Maps a log's activity to a step (saved in the file), or with null takes the saved entry away so
 * that the activity is matched by the step's id or name again, or not at all.
 */
export function mapActivity(wf: Workflow, activity: string, nodeId: string | null): Workflow {
  const doc = wf as WithConformance;
  const section: ConformanceSection = doc.conformance ?? {};
  const activities: Record<string, string> = { ...(section.activities ?? {}) };
  const had = Object.prototype.hasOwnProperty.call(activities, activity);
  if (nodeId === null) {
    if (!had) return wf;
    delete activities[activity];
  } else {
    if (had && activities[activity] === nodeId) return wf;
    if (!wf.nodes.some((n) => n.id === nodeId)) return wf;
    // Defined on the object itself: an activity called "__proto__" is a key like any other.
    Object.defineProperty(activities, activity, { value: nodeId, enumerable: true, writable: true, configurable: true });
  }
  const { activities: _old, ...rest } = section;
  // A section left with nothing in it goes, so the file says only what was chosen.
  if (!Object.keys(activities).length && !Object.keys(rest).length) {
    const { conformance: _section, ...bare } = doc;
    return bare as Workflow;
  }
  return { ...wf, conformance: { ...rest, activities } } as Workflow;
}

/**
 * Writes what a log says into the simulation section (reviewer profiles, output shares, step times,
 * where they came from): docs/CONFORMANCE.md, "Calibration". Throws SimulationSpecError when the
 * section there cannot be read, so nothing is written over it.
 */
export function calibrateSimulation(wf: Workflow, calibration: Calibration): Workflow {
  const next = applyCalibration(wf, calibration);
  return sameValue(next.simulation, wf.simulation) ? wf : next;
}
