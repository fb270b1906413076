import type { IDataObject } from 'n8n-workflow';

/**
 * What Composio's v3.1 API returns, as far as the nodes read it. Every interface extends
 * IDataObject: the rest of each object is kept as Composio sent it and passed on to the output.
 * Fields are optional where Composio omits them or where the nodes must cope with their absence.
 */

/** One page of a cursor-paginated list: `{items, next_cursor, total_pages, current_page, total_items}`. */
export interface Page<T> {
	items: T[];
	/** Null or absent on the last page. */
	next_cursor?: string | null;
	total_pages?: number;
	current_page?: number;
	total_items?: number;
}

/** A toolkit as other objects name it (`toolkit: {slug}`). */
export interface ToolkitRef extends IDataObject {
	slug?: string;
	name?: string;
	logo?: string;
}

/** A connected account (`GET /connected_accounts`, `/connected_accounts/{id}`). */
export interface ConnectedAccount extends IDataObject {
	id: string;
	status?: string;
	status_reason?: string | null;
	user_id?: string;
	alias?: string | null;
	word_id?: string;
	is_disabled?: boolean;
	created_at?: string;
	updated_at?: string;
	toolkit?: ToolkitRef;
	auth_config?: AuthConfigRef;
	/** The credentials, `{authScheme, val}` (GET-one only, and only when the project shows them). */
	state?: IDataObject;
	/** Deprecated mirror of `state.val`. */
	data?: IDataObject;
	params?: IDataObject;
}

/** An auth config as a connected account names it. */
export interface AuthConfigRef extends IDataObject {
	id?: string;
	auth_scheme?: string;
	is_composio_managed?: boolean;
	is_disabled?: boolean;
}

/** An auth config (`GET /auth_configs`, `/auth_configs/{id}`). */
export interface AuthConfig extends IDataObject {
	id?: string;
	name?: string;
	/** `ENABLED` or `DISABLED`. */
	status?: string;
	auth_scheme?: string;
	is_composio_managed?: boolean;
	no_of_connections?: number;
	toolkit?: ToolkitRef;
}

/** A toolkit (`GET /toolkits`, `/toolkits/{slug}`). */
export interface Toolkit extends IDataObject {
	slug: string;
	name?: string;
	no_auth?: boolean;
	auth_schemes?: string[];
	composio_managed_auth_schemes?: string[];
	meta?: IDataObject & { description?: string; logo?: string };
	/** Per auth scheme, the fields a connection needs (GET-one only). */
	auth_config_details?: IDataObject[];
}

/** A tool (`GET /tools`, `/tools/{slug}`). */
export interface Tool extends IDataObject {
	slug: string;
	name?: string;
	description?: string;
	toolkit?: ToolkitRef;
	/** A JSON-Schema object describing the arguments. */
	input_parameters?: IDataObject;
	available_versions?: string[];
	version?: string;
	no_auth?: boolean;
	is_deprecated?: boolean;
}
