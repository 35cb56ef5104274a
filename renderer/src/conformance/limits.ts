// The log comparison's limits, apart from its code (log-view.ts), so that the page can use them
// without loading the parsers, which run in the Web Worker.

/** The largest log the app reads (a CSV of this size holds about a million events). */
export const MAX_LOG_BYTES = 64 * 1024 * 1024;
/** Deviating cases the panel lists and keeps paths of; the rest are counted. */
export const MAX_LISTED_CASES = 500;
/** Prefix of the extra links the overlay draws (design links never carry it). */
export const DEVIATION_EDGE_PREFIX = '~log:';
