export interface BenchRow {
	scenario: string;
	arm: string;
	ms: number;
	perSecond?: number;
	ratio?: number;
	peakRssMb?: number;
	requests?: number;
	cpuPerRequest?: number;
	executed?: number;
	failed?: number;
	rateLimited?: number;
	floorMs?: number;
}

export interface BenchCheck {
	scenario: string;
	target: string;
	value: string;
	pass: boolean;
	detail?: string;
}

export interface BenchReport {
	smoke: boolean;
	rows: BenchRow[];
	checks: BenchCheck[];
}

export function runBenchSmoke(): Promise<{ report: BenchReport; stdout: string }>;
