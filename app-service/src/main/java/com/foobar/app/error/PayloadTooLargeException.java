package com.foobar.app.error;

import java.io.IOException;

/**
 * A request body grew past the service's limit while being read; answered with 413 by
 * {@link ProblemDetailsHandler}.
 */
public class PayloadTooLargeException extends IOException {

	public PayloadTooLargeException(long maxBytes) {
		super("The request body is larger than " + maxBytes + " bytes");
	}

}
