'use strict';
// Redis and Postgres for n8n's queue mode, as real servers started by the project itself.
//
//   await ensureServerPackages({ log })     apt-get installs redis-server / postgresql when missing (root)
//   const redis = await startRedis({ dir })                  → { host, port, pid, stop() }
//   const postgres = await startPostgres({ dataDir })        → { host, port, user, password, pid,
//                                                                createDatabase(name), query(sql, db), stop() }
//
// Both come from Debian (bookworm: redis-server 7.0, postgresql 15), not from npm: n8n talks to
// them over TCP like to any production server, and no npm dependency is added. Each server runs in
// its own process group on a free 127.0.0.1 port and is stopped by stop() (SIGTERM, then SIGKILL of
// the group). Postgres refuses to run as root: as root it runs as the `postgres` system user the
// Debian package creates (or `n8ncomposio` when that is missing), otherwise as the calling user.
// CommonJS so jest and the ESM scripts can both load it.

const { spawn, spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { cacheRoot, freePort, withLock } = require('../n8n/runtime.cjs');
const { stopChild, watchExit } = require('../start/child-process.cjs');

const APT_PACKAGES = { redis: 'redis-server', postgres: 'postgresql' };

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function isRoot() {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

function onPath(command) {
	for (const dir of (process.env.PATH || '').split(path.delimiter)) {
		const file = path.join(dir, command);
		try {
			fs.accessSync(file, fs.constants.X_OK);
			return file;
		} catch {
			/* next */
		}
	}
	return null;
}

/** redis-server's path, or null. */
function findRedis() {
	return (
		onPath('redis-server') ||
		(fs.existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null)
	);
}

/** The newest Debian Postgres bin folder (initdb, postgres, pg_ctl) and psql, or null. */
function findPostgres() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter(
					(name) => /^\d+$/.test(name) && fs.existsSync(path.join(root, name, 'bin', 'initdb')),
				)
				.sort((a, b) => Number(b) - Number(a))
		: [];
	const psql = onPath('psql') || (fs.existsSync('/usr/bin/psql') ? '/usr/bin/psql' : null);
	if (versions.length > 0 && psql) {
		return { version: versions[0], bin: path.join(root, versions[0], 'bin'), psql };
	}
	const initdb = onPath('initdb');
	if (initdb && psql) {
		const bin = path.dirname(fs.realpathSync(initdb));
		const printed = spawnSync(path.join(bin, 'postgres'), ['--version'], { encoding: 'utf8' });
		const version = /(\d+)(?:\.\d+)?/.exec(printed.stdout || '')?.[1] || 'unknown';
		return { version, bin, psql };
	}
	return null;
}

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { encoding: 'utf8', ...options });
	if (result.error) throw result.error;
	if (result.status !== 0) {
		const output = `${result.stdout || ''}\n${result.stderr || ''}`.trim().split('\n').slice(-20);
		throw new Error(
			`${command} ${args.join(' ')} failed (exit ${result.status}):\n${output.join('\n')}`,
		);
	}
	return result.stdout;
}

/**
 * Installs Debian's redis-server and postgresql when they are missing (as root, like the Chromium
 * step). The packages' own services are not started: a temporary /usr/sbin/policy-rc.d answers
 * "not allowed" to their start scripts (only when no policy-rc.d exists already), so nothing is
 * left listening on 6379/5432; the project starts its own servers on free ports.
 */
async function ensureServerPackages({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
	const missing = [];
	if (!findRedis()) missing.push(APT_PACKAGES.redis);
	if (!findPostgres()) missing.push(APT_PACKAGES.postgres);
	if (missing.length === 0) return { installed: [], redis: findRedis(), postgres: findPostgres() };
	if (!isRoot()) {
		throw new Error(
			`queue mode needs ${missing.join(' and ')} (Debian packages): run \`sudo apt-get install -y ${missing.join(' ')}\` once`,
		);
	}
	await withLock('apt-queue-services', log, async () => {
		const still = missing.filter((name) =>
			name === APT_PACKAGES.redis ? !findRedis() : !findPostgres(),
		);
		if (still.length === 0) return;
		const started = Date.now();
		log(`[queue] apt-get install ${still.join(' ')} (once per machine; about a minute)…`);
		const policy = '/usr/sbin/policy-rc.d';
		const ownPolicy = !fs.existsSync(policy);
		if (ownPolicy) fs.writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
		try {
			const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
			run('apt-get', ['update', '-qq'], { env });
			run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...still], { env });
		} finally {
			if (ownPolicy) fs.rmSync(policy, { force: true });
		}
		log(`[queue] installed ${still.join(' ')} in ${Math.round((Date.now() - started) / 1000)} s`);
	});
	const redis = findRedis();
	const postgres = findPostgres();
	if (!redis || !postgres)
		throw new Error('apt-get finished but redis-server or postgres is still missing');
	return { installed: missing, redis, postgres };
}

/** Output lines of a server, kept in memory (last 2000) and appended to `logFile`. */
function collect(child, logFile) {
	const lines = [];
	const stream = logFile ? fs.createWriteStream(logFile, { flags: 'a' }) : null;
	const onData = (chunk) => {
		if (stream) stream.write(chunk);
		for (const line of chunk.toString('utf8').split('\n')) {
			if (!line) continue;
			lines.push(line);
			if (lines.length > 2000) lines.splice(0, lines.length - 2000);
		}
	};
	if (child.stdout) child.stdout.on('data', onData);
	if (child.stderr) child.stderr.on('data', onData);
	return {
		lines,
		tail: (count = 30) => lines.slice(-count).join('\n'),
		close: () => (stream ? new Promise((resolve) => stream.end(resolve)) : Promise.resolve()),
	};
}

/** A stop() for a detached child: SIGTERM to the child, SIGKILL to its group after `graceMs`. */
function stopper(child, output, graceMs = 10000) {
	const exit = watchExit(child);
	return {
		exited: exit.exited,
		async stop(signal = 'SIGTERM') {
			await stopChild(child, exit, { graceMs, signal, group: true });
			await output.close();
			return exit.exited();
		},
	};
}

/** One Redis command over TCP (inline protocol); resolves the first reply line. */
function redisCommand(port, command, host = '127.0.0.1') {
	return new Promise((resolve, reject) => {
		const socket = net.connect({ port, host });
		let data = '';
		socket.setTimeout(3000);
		socket.on('connect', () => socket.write(`${command}\r\n`));
		socket.on('data', (chunk) => {
			data += chunk.toString('utf8');
			if (data.includes('\r\n')) {
				socket.end();
				resolve(data.split('\r\n')[0]);
			}
		});
		socket.on('timeout', () => {
			socket.destroy();
			reject(new Error('redis: no answer'));
		});
		socket.on('error', reject);
	});
}

/**
 * redis-server on a free port, no persistence (`--save ''`, no AOF): the queue only has to outlive
 * the n8n processes, not this server. `dir`: its working folder (log file redis.log).
 */
async function startRedis({ dir, port, log = () => {}, timeoutMs = 30000 } = {}) {
	const binary = findRedis();
	if (!binary)
		throw new Error('redis-server is not installed (ensureServerPackages() installs it)');
	const folder = dir || fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-redis-'));
	fs.mkdirSync(folder, { recursive: true });
	const chosen = port || (await freePort());
	const child = spawn(
		binary,
		[
			'--port',
			String(chosen),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--dir',
			folder,
			'--protected-mode',
			'yes',
		],
		{ cwd: folder, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
	);
	const output = collect(child, path.join(folder, 'redis.log'));
	const control = stopper(child, output, 5000);
	const until = Date.now() + timeoutMs;
	for (;;) {
		if (control.exited()) throw new Error(`redis-server exited:\n${output.tail()}`);
		try {
			if ((await redisCommand(chosen, 'PING')) === '+PONG') break;
		} catch {
			/* not up yet */
		}
		if (Date.now() > until) {
			await control.stop('SIGKILL');
			throw new Error(`redis-server did not answer PING within ${timeoutMs} ms:\n${output.tail()}`);
		}
		await sleep(100);
	}
	log(`[queue] redis on 127.0.0.1:${chosen} (pid ${child.pid})`);
	return {
		host: '127.0.0.1',
		port: chosen,
		pid: child.pid,
		dir: folder,
		tail: output.tail,
		command: (text) => redisCommand(chosen, text),
		stop: control.stop,
		exited: control.exited,
	};
}

/** The user Postgres runs as: { name, uid, gid } (null: the calling user, who is not root). */
function postgresUser() {
	if (!isRoot()) return null;
	for (const name of ['postgres', 'n8ncomposio']) {
		const id = spawnSync('id', ['-u', name], { encoding: 'utf8' });
		if (id.status === 0) {
			const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
			return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
		}
	}
	run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'n8ncomposio']);
	return postgresUser();
}

/** Whether `user` can enter every folder down to `dir`. */
function canReach(user, dir) {
	if (!user) return true;
	const check = spawnSync('runuser', ['-u', user.name, '--', 'test', '-x', dir]);
	return check.status === 0;
}

/**
 * Where Postgres data folders go: `<cache>/queue/` when the Postgres user can reach it, else
 * /var/tmp/n8n-nodes-composio-queue/ (root's home is usually closed to other users).
 */
function postgresRoot() {
	const user = postgresUser();
	const preferred = path.join(cacheRoot(), 'queue');
	fs.mkdirSync(preferred, { recursive: true });
	if (canReach(user, preferred)) return preferred;
	const fallback = path.join('/var/tmp', 'n8n-nodes-composio-queue');
	fs.mkdirSync(fallback, { recursive: true, mode: 0o755 });
	return fallback;
}

function asUser(user, command, args, options = {}) {
	if (!user) return run(command, args, options);
	return run('runuser', ['-u', user.name, '--', command, ...args], options);
}

/**
 * postgres on a free 127.0.0.1 port with its own data folder (initdb on first use; `fresh` starts
 * over). Password authentication over TCP (scram-sha-256), as n8n connects in production.
 * Resolves { host, port, user, password, dataDir, pid, createDatabase(name), query(sql, db), stop() }.
 */
async function startPostgres({
	dataDir,
	fresh = false,
	port,
	log = () => {},
	timeoutMs = 60000,
} = {}) {
	const found = findPostgres();
	if (!found) throw new Error('postgres is not installed (ensureServerPackages() installs it)');
	const user = postgresUser();
	const folder =
		dataDir || path.join(postgresRoot(), `pg${found.version}-${process.pid}-${Date.now()}`);
	if (fresh) fs.rmSync(folder, { recursive: true, force: true });
	const secretFile = `${folder}.password`;
	const dbUser = 'n8n';
	if (!fs.existsSync(path.join(folder, 'PG_VERSION'))) {
		fs.rmSync(folder, { recursive: true, force: true });
		fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
		const password = crypto.randomBytes(18).toString('base64url');
		fs.writeFileSync(secretFile, password, { mode: 0o600 });
		const pwfile = path.join(folder, '..', `.pw-${path.basename(folder)}`);
		fs.writeFileSync(pwfile, password, { mode: 0o600 });
		if (user) {
			fs.chownSync(folder, user.uid, user.gid);
			fs.chownSync(pwfile, user.uid, user.gid);
		}
		try {
			asUser(user, path.join(found.bin, 'initdb'), [
				'-D',
				folder,
				'-U',
				dbUser,
				`--pwfile=${pwfile}`,
				'--auth-local=scram-sha-256',
				'--auth-host=scram-sha-256',
				'--encoding=UTF8',
				'--locale=C',
				'--no-sync',
			]);
		} finally {
			fs.rmSync(pwfile, { force: true });
		}
	}
	const password = fs.readFileSync(secretFile, 'utf8').trim();
	const chosen = port || (await freePort());
	// Sockets in the data folder (not /var/run/postgresql, which may not exist); fsync off: a test
	// database, never production data.
	const args = [
		'-D',
		folder,
		'-p',
		String(chosen),
		'-h',
		'127.0.0.1',
		'-k',
		folder,
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
	];
	const command = user ? 'runuser' : path.join(found.bin, 'postgres');
	const child = spawn(
		command,
		user ? ['-u', user.name, '--', path.join(found.bin, 'postgres'), ...args] : args,
		{
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		},
	);
	const output = collect(child, `${folder}.log`);
	// Postgres shuts down fast on SIGINT ("fast" mode); runuser passes signals on to it.
	const control = stopper(child, output, 15000);
	const env = { ...process.env, PGPASSWORD: password, PGCONNECT_TIMEOUT: '5' };
	const psql = (sql, database = 'postgres') =>
		run(
			found.psql,
			[
				'-h',
				'127.0.0.1',
				'-p',
				String(chosen),
				'-U',
				dbUser,
				'-d',
				database,
				'-v',
				'ON_ERROR_STOP=1',
				'-At',
				'-c',
				sql,
			],
			{ env },
		);
	const until = Date.now() + timeoutMs;
	for (;;) {
		if (control.exited()) throw new Error(`postgres exited:\n${output.tail()}`);
		try {
			psql('select 1');
			break;
		} catch (error) {
			if (Date.now() > until) {
				await control.stop('SIGKILL');
				throw new Error(
					`postgres did not answer within ${timeoutMs} ms: ${error.message}\n${output.tail()}`,
				);
			}
		}
		await sleep(250);
	}
	log(
		`[queue] postgres ${found.version} on 127.0.0.1:${chosen} (pid ${child.pid}, data ${folder})`,
	);
	return {
		host: '127.0.0.1',
		port: chosen,
		user: dbUser,
		password,
		dataDir: folder,
		version: found.version,
		pid: child.pid,
		tail: output.tail,
		/** Creates `name` unless it exists. */
		createDatabase(name) {
			if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
			const exists = psql(`select 1 from pg_database where datname = '${name}'`).trim();
			if (!exists) psql(`create database ${name}`);
			return name;
		},
		query: (sql, database) => psql(sql, database),
		async stop() {
			return await control.stop('SIGINT');
		},
		/** stop() and delete the data folder. */
		async destroy() {
			const exit = await control.stop('SIGINT');
			fs.rmSync(folder, { recursive: true, force: true });
			fs.rmSync(secretFile, { force: true });
			fs.rmSync(`${folder}.log`, { force: true });
			return exit;
		},
		exited: control.exited,
	};
}

module.exports = {
	APT_PACKAGES,
	ensureServerPackages,
	findPostgres,
	findRedis,
	postgresRoot,
	startPostgres,
	startRedis,
	redisCommand,
};
