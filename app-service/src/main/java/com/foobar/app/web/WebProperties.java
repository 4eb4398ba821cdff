package com.foobar.app.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The service's HTTP surface ({@code foobar.web}; defaults in {@code application.yaml}).
 *
 * @param instance this instance's name, sent as {@code X-App-Instance}
 * @param maxRequestSize the largest request body accepted
 */
@ConfigurationProperties("foobar.web")
record WebProperties(String instance, DataSize maxRequestSize) {

}
