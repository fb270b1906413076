export type { QueueProcess, Topology, TopologyOptions } from '../../scripts/queue/topology.cjs';
export { startTopology } from '../../scripts/queue/topology.cjs';

export declare const RESULTS_FILE: string;
export declare function recordResult(name: string, value: Record<string, unknown>): void;
export declare function progress(line: string): void;
