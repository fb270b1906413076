export interface WorkersRow {
	scenario: string;
	arm: string;
	ms: number;
	perSecond: number;
	ratio?: number;
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
	environment: { cores: number; load: string; node: string; size: Record<string, number> };
}

export declare function runWorkersSmoke(): Promise<{
	report: WorkersReport;
	stdout: string;
	stderr: string;
}>;
