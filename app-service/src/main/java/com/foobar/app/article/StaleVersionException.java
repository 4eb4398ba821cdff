package com.foobar.app.article;

/** The client's {@code If-Match} names a version that is no longer current. */
class StaleVersionException extends RuntimeException {

	private final String currentEtag;

	StaleVersionException(long id, String currentEtag) {
		super("Article " + id + " has changed; its current version is " + currentEtag);
		this.currentEtag = currentEtag;
	}

	String getCurrentEtag() {
		return this.currentEtag;
	}

}
