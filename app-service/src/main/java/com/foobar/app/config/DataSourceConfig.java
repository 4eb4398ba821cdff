package com.foobar.app.config;

import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Read/write split: one Hikari pool per database server, joined by Spring's
 * {@link LazyConnectionDataSourceProxy}. The proxy hands out a connection handle and
 * takes a physical connection only at the first statement, by which time the transaction
 * manager has marked it read-only or not: read-only transactions go through
 * {@link ReadRouter} (the replica, unless it cannot serve the read), all else to the
 * primary.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class DataSourceConfig {

	@Bean
	@ConfigurationProperties("foobar.datasource.primary")
	HikariDataSource primaryDataSource() {
		return new HikariDataSource();
	}

	@Bean
	@ConfigurationProperties("foobar.datasource.replica")
	HikariDataSource replicaDataSource() {
		return new HikariDataSource();
	}

	@Bean
	DatabaseMonitor databaseMonitor(@Qualifier("primaryDataSource") DataSource primary,
			@Qualifier("replicaDataSource") DataSource replica,
			@Value("${foobar.consistency.max-lag:5s}") Duration maxLag,
			@Value("${foobar.consistency.probe-timeout:1s}") Duration probeTimeout, MeterRegistry meters) {
		return new DatabaseMonitor(primary, replica, maxLag, probeTimeout, meters);
	}

	@Bean
	@Primary
	DataSource dataSource(@Qualifier("primaryDataSource") DataSource primary,
			@Qualifier("replicaDataSource") DataSource replica, DatabaseMonitor monitor,
			@Value("${foobar.consistency.max-wait:250ms}") Duration maxWait, MeterRegistry meters) {
		DataSource writes = new FailFastDataSource(primary, monitor);
		LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(writes);
		routing.setReadOnlyDataSource(new ReadRouter(writes, replica, monitor, maxWait, meters));
		return routing;
	}

}
