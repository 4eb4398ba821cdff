package com.foobar.gateway.loadbalancer;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultRequest;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestData;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.RetryableRequestContext;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.cloud.loadbalancer.core.DelegatingServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.RetryAwareServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Tells LoadBalancer's {@link RetryAwareServiceInstanceListSupplier} which instance the
 * previous attempt of a gateway request went to.
 * <p>
 * The gateway's Retry filter runs the load balancer again for each attempt, but asks with
 * a plain {@link RequestDataContext}, so retry awareness never sees a previous instance
 * and zone preference would send the retry back to the instance that just failed. The
 * instance is still in the exchange's attributes; this passes it on as a
 * {@link RetryableRequestContext}.
 */
class GatewayRetryAwareness extends DelegatingServiceInstanceListSupplier {

	GatewayRetryAwareness(ServiceInstanceListSupplier delegate) {
		super(delegate);
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.delegate.get();
	}

	@Override
	public Flux<List<ServiceInstance>> get(Request request) {
		if (request.getContext() instanceof RequestDataContext context && !(context instanceof RetryableRequestContext)
				&& context.getClientRequest() != null) {
			RequestData requestData = context.getClientRequest();
			Object previous = requestData.getAttributes()
				.get(ServerWebExchangeUtils.GATEWAY_LOADBALANCER_RESPONSE_ATTR);
			if (previous instanceof Response<?> response && response.getServer() instanceof ServiceInstance instance) {
				return this.delegate
					.get(new DefaultRequest<>(new RetryableRequestContext(instance, requestData, context.getHint())));
			}
		}
		return this.delegate.get(request);
	}

}
