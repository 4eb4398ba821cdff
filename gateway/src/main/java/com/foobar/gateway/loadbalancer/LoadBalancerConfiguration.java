package com.foobar.gateway.loadbalancer;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/** Every load-balanced service uses {@link FailoverInstances}. */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = FailoverInstances.class)
class LoadBalancerConfiguration {

}
