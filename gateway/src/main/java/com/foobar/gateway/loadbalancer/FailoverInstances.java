package com.foobar.gateway.loadbalancer;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The instances a request may go to, built from LoadBalancer's own suppliers, innermost
 * first: the configured instances; those passing their health check; on a retry, those
 * other than the one that just failed; of these, the ones in our zone if any, else all.
 * <p>
 * Registered in each load balancer's own context by {@link LoadBalancerConfiguration}, so
 * deliberately not a {@code @Configuration} found by component scanning.
 */
class FailoverInstances {

	@Bean
	ServiceInstanceListSupplier failoverInstanceListSupplier(ConfigurableApplicationContext context) {
		return ServiceInstanceListSupplier.builder()
			.withDiscoveryClient()
			.withHealthChecks(WebClient.create())
			.withRetryAwareness()
			.withZonePreference()
			.with((ignored, delegate) -> new GatewayRetryAwareness(delegate))
			.build(context);
	}

}
