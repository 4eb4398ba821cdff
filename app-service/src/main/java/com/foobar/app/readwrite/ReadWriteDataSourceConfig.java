package com.foobar.app.readwrite;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The wiring of the read/write split (see {@code package-info}): one Hikari pool per
 * server, joined by Spring's {@link LazyConnectionDataSourceProxy}, whose read-only
 * DataSource is the {@link ReadRouter}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ConsistencyProperties.class)
class ReadWriteDataSourceConfig {

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
			@Qualifier("replicaDataSource") DataSource replica, ConsistencyProperties consistency,
			MeterRegistry meters) {
		return new DatabaseMonitor(primary, replica, consistency, meters);
	}

	// Infrastructure, so that the auto-proxy creator of transaction management applies
	// it;
	// first in order, so that each retry is a transaction of its own. Created before the
	// beans it needs (advisors decide which beans get proxies), it looks them up on use.
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor replicaRetryAdvisor(ObjectProvider<DatabaseMonitor> monitor, ObjectProvider<MeterRegistry> meters) {
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new ReplicaRetry.ReadOnlyTransactions(),
				new ReplicaRetry(monitor::getObject, meters::getObject));
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return advisor;
	}

	@Bean
	@Primary
	DataSource dataSource(@Qualifier("primaryDataSource") DataSource primary,
			@Qualifier("replicaDataSource") DataSource replica, DatabaseMonitor monitor,
			ConsistencyProperties consistency, WriteTokens writeTokens, MeterRegistry meters) {
		DataSource writes = new PrimaryDataSource(primary, monitor, writeTokens);
		LazyConnectionDataSourceProxy routing = new LazyConnectionDataSourceProxy(writes);
		routing.setReadOnlyDataSource(new ReadRouter(writes, replica, monitor, consistency.maxWait(), meters));
		return routing;
	}

}
