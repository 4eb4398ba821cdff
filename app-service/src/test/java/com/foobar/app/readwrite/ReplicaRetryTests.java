package com.foobar.app.readwrite;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class ReplicaRetryTests {

	private final Connection primaryConnection = mock(Connection.class);

	private final Connection replicaConnection = mock(Connection.class);

	private final DataSource primary = mock(DataSource.class);

	private final DataSource replica = mock(DataSource.class);

	private final DatabaseMonitor monitor = mock(DatabaseMonitor.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ReadRouter router = new ReadRouter(this.primary, this.replica, this.monitor, Duration.ofMillis(250),
			this.meters);

	private Reads reads;

	@BeforeEach
	void setUp() throws SQLException {
		given(this.primary.getConnection()).willReturn(this.primaryConnection);
		given(this.replica.getConnection()).willReturn(this.replicaConnection);
		given(this.monitor.primaryUp()).willReturn(true);
		given(this.monitor.replicaUsable()).willReturn(true);
		ProxyFactory proxy = new ProxyFactory(new Reads(this.router));
		proxy.addAdvisor(new DefaultPointcutAdvisor(new ReplicaRetry.ReadOnlyTransactions(),
				new ReplicaRetry(() -> this.monitor, () -> this.meters)));
		proxy.setProxyTargetClass(true);
		this.reads = (Reads) proxy.getProxy();
	}

	@AfterEach
	void tearDown() {
		ReadRouter.avoidReplica(false);
		ReadRouter.forgetLastServed();
	}

	@Test
	void aReadWhoseReplicaConnectionBrokeRunsAgainOnThePrimary() {
		assertThat(this.reads.read(new SQLException("Communications link failure", "08S01"))).isEqualTo("primary");
		assertThat(this.meters.get("foobar.reads.retried").counter().count()).isEqualTo(1);
		verify(this.monitor).replicaFailed(any());
		assertThat(ReadRouter.avoidingReplica()).as("only for the retry").isFalse();
	}

	@Test
	void otherFailuresAreNotRetried() {
		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.reads.read(new SQLException("Lock wait timeout", "HY000")));
		assertThat(this.meters.find("foobar.reads.retried").counter()).isNull();
	}

	@Test
	void writesAreNeverRetried() {
		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.reads.write(new SQLException("Communications link failure", "08S01")));
		assertThat(this.meters.find("foobar.reads.retried").counter()).isNull();
	}

	static class Reads {

		private final ReadRouter router;

		Reads(ReadRouter router) {
			this.router = router;
		}

		/** Fails like a dead replica connection when the replica serves it. */
		@Transactional(readOnly = true)
		public String read(SQLException replicaFailure) {
			try {
				this.router.getConnection();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			if (ReadRouter.lastServedFromReplica()) {
				throw new DataAccessResourceFailureException("statement failed", replicaFailure);
			}
			return "primary";
		}

		@Transactional
		public String write(SQLException failure) {
			ReadRouter.forgetLastServed();
			throw new DataAccessResourceFailureException("statement failed", failure);
		}

	}

}
