package com.foobar.app.readwrite;

import java.util.Locale;

import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Which database served the current transaction. Recorded when the transaction's physical
 * connection is taken from a pool, so it names the connection actually used.
 */
public enum DataSourceRole {

	PRIMARY, REPLICA;

	private static final Object KEY = DataSourceRole.class;

	/** The value of the {@code X-Read-Source} header and of metric tags. */
	public String label() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The database that served the current transaction.
	 * @throws IllegalStateException if the transaction has not used a connection yet
	 */
	public static DataSourceRole ofCurrentTransaction() {
		Object role = TransactionSynchronizationManager.getResource(KEY);
		if (role == null) {
			throw new IllegalStateException("No connection taken in this transaction yet");
		}
		return (DataSourceRole) role;
	}

	static void record(DataSourceRole role) {
		if (TransactionSynchronizationManager.isSynchronizationActive()
				&& !TransactionSynchronizationManager.hasResource(KEY)) {
			TransactionSynchronizationManager.bindResource(KEY, role);
			TransactionSynchronizationManager.registerSynchronization(new UnbindOnCompletion());
		}
	}

	private static final class UnbindOnCompletion
			implements org.springframework.transaction.support.TransactionSynchronization {

		@Override
		public void afterCompletion(int status) {
			TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
		}

	}

}
