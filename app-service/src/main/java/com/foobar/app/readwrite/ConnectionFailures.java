package com.foobar.app.readwrite;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;

/**
 * Which failures say something about a database server. Only connection-class ones do:
 * SQLState class 08 (connection exception, Connector/J's communications failures) and
 * socket timeouts or errors. A pool that has no free connection (Hikari's timeout without
 * a connection failure behind it) is overload, not a dead server; nor is any error that
 * the server answered.
 */
final class ConnectionFailures {

	private ConnectionFailures() {
	}

	static boolean isConnectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
				return true;
			}
			if (cause instanceof SocketTimeoutException || cause instanceof SocketException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return root.getClass().getSimpleName() + ": " + root.getMessage();
	}

}
