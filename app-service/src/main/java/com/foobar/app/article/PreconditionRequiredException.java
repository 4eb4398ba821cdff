package com.foobar.app.article;

/**
 * An update without {@code If-Match}: it could overwrite a change the client has not
 * seen.
 */
class PreconditionRequiredException extends RuntimeException {

	PreconditionRequiredException() {
		super("Send If-Match with the ETag of the version you edited");
	}

}
