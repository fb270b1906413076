/** The Version parameter's value for "the newest version the tool lists". */
export const NEWEST_VERSION = 'newest';
