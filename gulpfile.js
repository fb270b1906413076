// tsc emits only JavaScript; n8n resolves `icon: 'file:…'` and reads codex files next to the compiled
// node, so the static assets are copied into dist/ with their paths kept.
const { src, dest, parallel } = require('gulp');

const assets = [
	'icons/**/*.svg',
	'nodes/**/*.{png,svg}',
	'nodes/**/*.node.json',
	'nodes/**/__schema__/**/*.json',
	'credentials/**/*.{png,svg}',
];

function copyAssets() {
	return src(assets, { base: '.', encoding: false }).pipe(dest('dist'));
}

exports['build:assets'] = parallel(copyAssets);
exports.default = exports['build:assets'];
