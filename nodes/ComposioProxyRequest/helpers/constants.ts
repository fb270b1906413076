/** The methods Composio's proxy accepts. */
export const PROXY_METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'] as const;
export type ProxyMethod = (typeof PROXY_METHODS)[number];

/** Largest binary body sent inline as base64 (API changelog 2025-12-30: "Supported up to 4MB"). */
export const MAX_BINARY_BODY_BYTES = 4 * 1024 * 1024;

/** How the node names itself in account and Connect Link messages ("… needs a gmail account"). */
export const REQUEST_LABEL = 'Proxy Request';
