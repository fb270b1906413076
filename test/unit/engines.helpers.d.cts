export interface EngineMismatch {
	name: string;
	version: string;
	range: string;
	failsOn: string[];
	dev: boolean;
}

export declare function engineMismatches(nodeVersions: string[]): EngineMismatch[];
export declare function documentedEngineWarnings(): Array<Omit<EngineMismatch, 'dev'>> | null;
export declare function packageJson(): {
	engines: { node: string };
	dependencies?: Record<string, string>;
};
