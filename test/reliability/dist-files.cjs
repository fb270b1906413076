'use strict';
/**
 * The built package's files (what `npm publish` ships: the "files" of package.json), read for the
 * secret-leak scan. Plain CommonJS because n8n's lint rules keep `fs` out of TypeScript files.
 */
const fs = require('fs');
const path = require('path');

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');

function distFiles() {
	const root = path.join(PACKAGE_ROOT, 'dist');
	if (!fs.existsSync(root)) return null;
	const files = [];
	const walk = (dir) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name);
			if (entry.isDirectory()) walk(full);
			else
				files.push({
					path: path.relative(PACKAGE_ROOT, full),
					text: fs.readFileSync(full, 'utf8'),
				});
		}
	};
	walk(root);
	return files;
}

module.exports = { PACKAGE_ROOT, distFiles };
