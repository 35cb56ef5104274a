// How much a report shows, so that its size is bounded whatever the workflow: a label repeats in the
// diagram, its tooltips, the findings and several tables, so a 16 MB workflow once made a 105 MB
// report. What goes beyond these limits is cut, and the report says so (ReportModel.omissions).

export const REPORT_LIMITS = {
  /** Characters of one text (a label, a name, a message); a longer one ends in "…". */
  text: 500,
  /** Characters of the workflow's description. */
  description: 5_000,
  /** Characters of a label in the diagram's tooltips. */
  diagramTitle: 200,
  /** Rows of one table (the findings of one severity, connections, steps, links, scenarios, outcomes). */
  rows: 300,
  /** Items of one list in a table cell (a connection's grants, the steps that use it, an answer's parts). */
  items: 30,
  /** Steps a diagram draws; the diagram of a larger workflow is left out. */
  diagramSteps: 1_000,
  /** Lines a diagram draws; likewise. */
  diagramLines: 2_000,
} as const;
