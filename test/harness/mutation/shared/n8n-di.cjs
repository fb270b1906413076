module.exports = globalThis.__mutationSharedModules['@n8n/di'];
