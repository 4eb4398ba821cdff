package com.foobar.e2e;

/** The header names the tests send and check: the public contract's and HTTP's own. */
final class Headers {

	/** The web server that handled the request: web-1 or web-2. */
	static final String SERVED_BY = "X-Served-By";

	/** The app instance that answered an API request: app-1 or app-2. */
	static final String APP_INSTANCE = "X-App-Instance";

	/** The database that served a read: replica or primary. */
	static final String READ_SOURCE = "X-Read-Source";

	/** Read-your-writes: sent with a write's response, sent back with a read. */
	static final String CONSISTENCY_TOKEN = "X-Consistency-Token";

	static final String CONTENT_TYPE = "Content-Type";

	static final String ACCEPT = "Accept";

	static final String LOCATION = "Location";

	static final String ETAG = "ETag";

	static final String IF_MATCH = "If-Match";

	static final String RETRY_AFTER = "Retry-After";

	static final String HSTS = "Strict-Transport-Security";

	static final String JSON = "application/json";

	static final String PROBLEM_JSON = "application/problem+json";

	private Headers() {
	}

}
