/**
 * The read/write split: start reading here.
 * <p>
 * app-service holds one connection pool per database server. Spring's
 * {@link org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy} takes a
 * physical connection only at a transaction's first statement, by which time the
 * transaction manager has marked it read-only or not ({@link ReadWriteDataSourceConfig}).
 * The rules:
 * <ul>
 * <li>A read-write transaction uses the primary ({@link PrimaryDataSource}). While
 * {@link DatabaseMonitor} sees the primary down, it fails at once (503 with Retry-After)
 * instead of waiting for a pool timeout.</li>
 * <li>A read-only transaction uses the replica ({@link ReadRouter}), unless the replica
 * is unreachable, not replicating or lagging beyond the bound; then the primary. While
 * the primary is down, the replica serves reads even when it is behind: a possibly stale
 * read beats none.</li>
 * <li>A read-only transaction whose replica connection breaks (the replica died a moment
 * ago) runs once more on the primary, in the same request ({@link ReplicaRetry}).</li>
 * <li>Read-your-writes: a committed write answers with a {@link ConsistencyToken} naming
 * its own GTID ({@link WriteTokens}, from MySQL's {@code session_track_gtids=OWN_GTID}).
 * A read that brings the token back waits briefly on the replica for that GTID
 * ({@code WAIT_FOR_EXECUTED_GTID_SET}), or else reads from the primary.</li>
 * <li>Every read answers {@code X-Read-Source} naming the server whose connection served
 * it ({@link DataSourceRole}); the articles API itself knows nothing of this.</li>
 * </ul>
 */
@NullMarked
package com.foobar.app.readwrite;

import org.jspecify.annotations.NullMarked;
