package com.foobar.app.readwrite;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.foobar.app.readwrite.DatabaseMonitor.ReplicaState;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseMonitorTests {

	private static final Duration BOUND = Duration.ofSeconds(5);

	@Test
	void aReplicatingReplicaWithinTheBoundIsUsable() {
		ReplicaState mysql = ReplicaState
			.of(Map.of("replica_io_running", "Yes", "replica_sql_running", "Yes", "seconds_behind_source", "2"), BOUND);
		assertThat(mysql.usable()).isTrue();
		assertThat(mysql.lagSeconds()).isEqualTo(2);
	}

	@Test
	void aLaggingReplicaIsNotUsable() {
		ReplicaState state = ReplicaState
			.of(Map.of("replica_io_running", "Yes", "replica_sql_running", "Yes", "seconds_behind_source", "6"), BOUND);
		assertThat(state.usable()).isFalse();
		assertThat(state.problem()).contains("lagging 6 s");
	}

	@Test
	void stoppedReplicationIsNotUsable() {
		ReplicaState state = ReplicaState.of(Map.of("replica_io_running", "Connecting", "replica_sql_running", "Yes",
				"last_io_error", "error connecting to master"), BOUND);
		assertThat(state.usable()).isFalse();
		assertThat(state.problem()).contains("io stopped").contains("error connecting");
	}

}
