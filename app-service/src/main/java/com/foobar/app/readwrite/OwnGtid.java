package com.foobar.app.readwrite;

import java.sql.Connection;
import java.sql.SQLException;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.protocol.ServerSessionStateController;
import com.mysql.cj.protocol.ServerSessionStateController.SessionStateChange;
import com.mysql.cj.protocol.ServerSessionStateController.SessionStateChangesListener;

import org.jspecify.annotations.Nullable;

/**
 * The GTID the primary gave this thread's last commit. With
 * {@code session_track_gtids=OWN_GTID} (set on every primary connection) the server puts
 * the GTID of a session's own transaction into the OK packet of its commit, and
 * Connector/J ({@code trackSessionState=true}) passes it to a listener: no second query,
 * and it names that one transaction, not everything the primary has committed.
 */
final class OwnGtid {

	private static final ThreadLocal<String> last = new ThreadLocal<>();

	// Connector/J holds its listeners by weak reference: this one lives with the class.
	private static final SessionStateChangesListener LISTENER = (changes) -> {
		for (SessionStateChange change : changes.getSessionStateChangesList()) {
			if (change.getType() == ServerSessionStateController.SESSION_TRACK_GTIDS && !change.getValues().isEmpty()) {
				last.set(change.getValues().getLast());
			}
		}
	};

	private OwnGtid() {
	}

	/** Starts listening on a primary connection (once per physical connection). */
	static void listenTo(Connection connection) throws SQLException {
		last.remove();
		if (connection.isWrapperFor(MysqlConnection.class)) {
			connection.unwrap(MysqlConnection.class)
				.getServerSessionStateController()
				.addSessionStateChangesListener(LISTENER);
		}
	}

	/** The GTID of this thread's last commit since {@link #listenTo}, once. */
	static @Nullable String take() {
		String gtid = last.get();
		last.remove();
		return gtid;
	}

}
