'use strict';
// Stopping the long-running children the start scripts and tests spawn (n8n, Redis, Postgres,
// Verdaccio). Each is spawned `detached`, so it leads its own process group: a terminal's Ctrl-C
// reaches only the caller, which then stops its children in order, and a child's own children
// (n8n's task runners, Postgres' backends) go with it when the group is killed.
//
//   const exit = watchExit(child);            // exit.promise, exit.exited() → { code, signal } | null
//   await stopChild(child, exit, { graceMs: 5000, group: true });

/** Follows `child`'s exit: `promise` resolves { code, signal }; `exited()` is it or null. */
function watchExit(child) {
	let exited =
		child.exitCode !== null || child.signalCode !== null
			? { code: child.exitCode, signal: child.signalCode }
			: null;
	const promise = new Promise((resolve) => {
		if (exited) resolve(exited);
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			resolve(exited);
		});
	});
	return { promise, exited: () => exited };
}

/** `signal` to `pid`'s whole process group; a group already gone is not an error. */
function signalGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
	} catch {
		/* already gone */
	}
}

/**
 * Stops a detached child and resolves its exit: `signal` (default SIGTERM) to the child alone (it
 * shuts its own children down) or, with `group`, to its whole process group; SIGKILL to the group
 * when it has not exited after `graceMs`.
 */
async function stopChild(child, exit, { graceMs, signal = 'SIGTERM', group = false }) {
	if (exit.exited()) return exit.exited();
	try {
		process.kill(group ? -child.pid : child.pid, signal);
	} catch {
		/* already gone */
	}
	const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), graceMs);
	await exit.promise;
	clearTimeout(timer);
	return exit.exited();
}

/** 'ready' when `ready` resolves first, 'exited' when the child exits first, else 'timeout'. */
async function untilReady(ready, exit, timeoutMs) {
	let timer;
	const outcome = await Promise.race([
		ready.then(() => 'ready'),
		exit.promise.then(() => 'exited'),
		new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs))),
	]);
	clearTimeout(timer);
	return outcome;
}

module.exports = { signalGroup, stopChild, untilReady, watchExit };
