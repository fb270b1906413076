// The package entry point n8n never calls: nodes and credentials are loaded from the paths listed in
// package.json's "n8n" section. Kept because the classic starter layout declares it as "main".
module.exports = {};
