export interface WorkersRow {
	scenario: string;
	arm: string;
	ms: number;
	perSecond: number;
	ratio?: number;
	/** The rate-limited arm: requests the sandbox counted, of them answered 429, the limit's floor. */
	requests?: number;
	rateLimited?: number;
	floorMs?: number;
}

export interface WorkersCheck {
	scenario: string;
	target: string;
	value: string;
	pass: boolean;
}

export interface WorkersReport {
	rows: WorkersRow[];
	checks: WorkersCheck[];
	environment: {
		cores: number;
		load: string;
		node: string;
		size: Record<string, number> & {
			rateLimited: {
				executions: number;
				items: number;
				rateLimit: { limit: number; windowMs: number };
			};
		};
	};
}

export declare function runWorkersSmoke(): Promise<{
	report: WorkersReport;
	stdout: string;
	stderr: string;
}>;
