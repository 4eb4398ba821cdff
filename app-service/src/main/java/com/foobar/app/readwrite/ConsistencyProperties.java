package com.foobar.app.readwrite;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How reads treat a replica that may be behind ({@code foobar.consistency}; defaults in
 * {@code application.yaml}).
 *
 * @param maxLag reads leave a replica that lags more than this
 * @param maxWait how long a read with a consistency token waits for the replica
 * @param monitorInterval how often {@link DatabaseMonitor} checks both servers
 * @param probeTimeout how long one of its checks may take
 */
@ConfigurationProperties("foobar.consistency")
record ConsistencyProperties(Duration maxLag, Duration maxWait, Duration monitorInterval, Duration probeTimeout) {

}
