package com.foobar.app.readwrite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class ReadRouterTests {

	private static final String GTID = "3e11fa47-71ca-11e1-9e33-c80aa9429562:42";

	private final Connection primaryConnection = mock(Connection.class);

	private final Connection replicaConnection = mock(Connection.class);

	private final DataSource primary = mock(DataSource.class);

	private final DataSource replica = mock(DataSource.class);

	private final DatabaseMonitor monitor = mock(DatabaseMonitor.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final WriteTokens writeTokens = new WriteTokens(this.meters);

	private final ReadRouter router = new ReadRouter(
			new PrimaryDataSource(this.primary, this.monitor, this.writeTokens), this.replica, this.monitor,
			Duration.ofMillis(250), this.meters);

	@BeforeEach
	void setUp() throws SQLException {
		TransactionSynchronizationManager.initSynchronization();
		given(this.primary.getConnection()).willReturn(this.primaryConnection);
		given(this.replica.getConnection()).willReturn(this.replicaConnection);
		given(this.monitor.primaryUp()).willReturn(true);
		given(this.monitor.replicaUsable()).willReturn(true);
	}

	@AfterEach
	void tearDown() {
		ConsistencyToken.setCurrent(null);
		TransactionSynchronizationManager.unbindResourceIfPossible(DataSourceRole.class);
		TransactionSynchronizationManager.clearSynchronization();
	}

	@Test
	void readsUseAUsableReplica() throws SQLException {
		assertThat(this.router.getConnection()).isSameAs(this.replicaConnection);
		assertThat(DataSourceRole.ofCurrentTransaction()).isEqualTo(DataSourceRole.REPLICA);
	}

	@Test
	void readsUseThePrimaryWhileTheReplicaIsUnusable() throws SQLException {
		given(this.monitor.replicaUsable()).willReturn(false);
		assertThat(this.router.getConnection()).isSameAs(this.primaryConnection);
		assertThat(DataSourceRole.ofCurrentTransaction()).isEqualTo(DataSourceRole.PRIMARY);
		assertThat(fallbacks("replica-unusable")).isEqualTo(1);
	}

	@Test
	void readsUseThePrimaryWhenTheReplicaConnectionFails() throws SQLException {
		SQLTransientConnectionException failure = new SQLTransientConnectionException("replica gone");
		given(this.replica.getConnection()).willThrow(failure);
		assertThat(this.router.getConnection()).isSameAs(this.primaryConnection);
		verify(this.monitor).replicaFailed(failure);
	}

	@Test
	void readsStayOnAnUnusableReplicaWhileThePrimaryIsDown() throws SQLException {
		given(this.monitor.replicaUsable()).willReturn(false);
		given(this.monitor.primaryUp()).willReturn(false);
		assertThat(this.router.getConnection()).isSameAs(this.replicaConnection);
	}

	@Test
	void aTokenReadUsesTheReplicaOnceItHasThePosition() throws SQLException {
		ConsistencyToken.setCurrent(new ConsistencyToken(GTID));
		waitAnswers(0);
		assertThat(this.router.getConnection()).isSameAs(this.replicaConnection);
	}

	@Test
	void aTokenReadGoesToThePrimaryWhenTheReplicaDoesNotCatchUp() throws SQLException {
		ConsistencyToken.setCurrent(new ConsistencyToken(GTID));
		waitAnswers(1);
		assertThat(this.router.getConnection()).isSameAs(this.primaryConnection);
		verify(this.replicaConnection).close();
		assertThat(fallbacks("replica-behind-token")).isEqualTo(1);
	}

	@Test
	void aTokenWithoutGtidSendsTheReadToThePrimary() throws SQLException {
		ConsistencyToken.setCurrent(ConsistencyToken.PRIMARY);
		assertThat(this.router.getConnection()).isSameAs(this.primaryConnection);
		assertThat(fallbacks("token-primary")).isEqualTo(1);
	}

	@Test
	void aTokenWithoutGtidStillReadsFromTheReplicaWhileThePrimaryIsDown() throws SQLException {
		given(this.monitor.primaryUp()).willReturn(false);
		ConsistencyToken.setCurrent(ConsistencyToken.PRIMARY);
		assertThat(this.router.getConnection()).isSameAs(this.replicaConnection);
	}

	@Test
	void readsAreCountedByTheServerThatServedThem() throws SQLException {
		this.router.getConnection();
		assertThat(this.meters.get("foobar.reads").tag("source", "replica").counter().count()).isEqualTo(1);
	}

	@Test
	void writesFailFastWhileThePrimaryIsDown() {
		given(this.monitor.primaryUp()).willReturn(false);
		org.assertj.core.api.Assertions.assertThatExceptionOfType(SQLTransientConnectionException.class)
			.isThrownBy(() -> new PrimaryDataSource(this.primary, this.monitor, this.writeTokens).getConnection());
	}

	private void waitAnswers(int result) throws SQLException {
		PreparedStatement statement = mock(PreparedStatement.class);
		ResultSet rows = mock(ResultSet.class);
		given(this.replicaConnection.prepareStatement(anyString())).willReturn(statement);
		given(statement.executeQuery()).willReturn(rows);
		given(rows.next()).willReturn(true);
		given(rows.getInt(1)).willReturn(result);
	}

	private double fallbacks(String reason) {
		var counter = this.meters.find("foobar.reads.fallback").tag("reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

}
