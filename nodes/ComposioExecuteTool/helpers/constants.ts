/** The Version parameter's value for "the newest version the tool lists". */
export const NEWEST_VERSION = 'newest';

export const DEFAULT_CONCURRENCY = 1;
export const MAX_CONCURRENCY = 10;

export const DEFAULT_TIMEOUT_S = 60;
export const MAX_TIMEOUT_S = 600;
