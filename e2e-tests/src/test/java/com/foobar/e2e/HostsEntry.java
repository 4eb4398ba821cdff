package com.foobar.e2e;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The hosts entry a user adds ({@code 127.0.0.1 www.foobar.com}), for the test JVM only:
 * the tests can then use {@code https://www.foobar.com:PORT/} as a browser would, with
 * SNI, certificate host name checks and the Host header all as in real use. Registered in
 * META-INF/services; every other name goes to the JDK's own resolver.
 */
public final class HostsEntry extends InetAddressResolverProvider {

	private static final Set<String> NAMES = Set.of(Www.HOST, "foobar.com");

	@Override
	public InetAddressResolver get(Configuration configuration) {
		InetAddressResolver builtin = configuration.builtinResolver();
		return new InetAddressResolver() {

			@Override
			public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
				if (NAMES.contains(host.toLowerCase(Locale.ROOT))) {
					return Stream.of(InetAddress.getByAddress(host, new byte[] { 127, 0, 0, 1 }));
				}
				return builtin.lookupByName(host, policy);
			}

			@Override
			public String lookupByAddress(byte[] address) throws UnknownHostException {
				return builtin.lookupByAddress(address);
			}

		};
	}

	@Override
	public String name() {
		return "www.foobar.com hosts entry";
	}

}
