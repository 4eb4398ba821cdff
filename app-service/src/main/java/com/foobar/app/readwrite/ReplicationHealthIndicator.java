package com.foobar.app.readwrite;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/health} component "replication": what {@link DatabaseMonitor} last saw
 * and where reads go because of it. DOWN when the replica cannot serve reads; the service
 * itself stays ready, since the primary can serve them.
 */
@Component
class ReplicationHealthIndicator extends AbstractHealthIndicator {

	private final DatabaseMonitor monitor;

	ReplicationHealthIndicator(DatabaseMonitor monitor) {
		this.monitor = monitor;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		DatabaseMonitor.ReplicaState state = this.monitor.replicaState();
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("primaryUp", this.monitor.primaryUp());
		details.put("replicaUsable", state.usable());
		details.put("readsFrom", (state.usable() || !this.monitor.primaryUp()) ? "replica" : "primary");
		putIfKnown(details, "ioRunning", state.ioRunning());
		putIfKnown(details, "sqlRunning", state.sqlRunning());
		putIfKnown(details, "lagSeconds", state.lagSeconds());
		putIfKnown(details, "problem", state.problem());
		details.put("checkedAt", state.checkedAt().toString());
		(state.usable() ? builder.up() : builder.down()).withDetails(details);
	}

	private static void putIfKnown(Map<String, Object> details, String key, Object value) {
		if (value != null) {
			details.put(key, value);
		}
	}

}
