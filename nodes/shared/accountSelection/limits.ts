/** Items run at the same time by the nodes that act with a chosen account (Execute Tool, Proxy Request). */
export const DEFAULT_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 10;

/** Seconds one tool run or proxied request may take before it is reported as timed out. */
export const DEFAULT_TIMEOUT_S = 60;
export const MAX_TIMEOUT_S = 600;
