package com.foobar.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTPS to www.foobar.com through the load balancer, as a browser would: the name
 * resolves to 127.0.0.1 in the test JVM ({@link HostsEntry}), the local CA that signed
 * the certificate is trusted, HTTP/2 when ALPN offers it.
 */
final class Www {

	static final String HOST = "www.foobar.com";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client;

	private final int port;

	/** The site on the load balancer's HTTPS port, trusting the CA of the given file. */
	Www(int httpsPort, Path caCertificate) {
		this.port = httpsPort;
		this.client = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.sslContext(sslContext(caCertificate))
			.version(HttpClient.Version.HTTP_2)
			.build();
	}

	/** The site's base address, e.g. https://www.foobar.com:44321 */
	String base() {
		return "https://" + HOST + ":" + this.port;
	}

	/** A TLS context that trusts only the CA certificate(s) in the PEM file. */
	static SSLContext sslContext(Path caCertificate) {
		try (InputStream in = Files.newInputStream(caCertificate)) {
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int i = 0;
			for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
				trusted.setCertificateEntry("ca-" + i++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot trust " + caCertificate, ex);
		}
	}

	/** The context that trusts the stacks' local CA (Stack.CA_CERTIFICATE). */
	static SSLContext sslContext() {
		return sslContext(Stack.CA_CERTIFICATE);
	}

	Response get(String path) {
		return send("GET", path, null, Map.of());
	}

	Response send(String method, String path, String body, Map<String, String> headers) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base() + path))
			.timeout(Duration.ofSeconds(30))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		headers.forEach(builder::header);
		try {
			return new Response(this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Response(HttpResponse<String> raw) {

		int status() {
			return this.raw.statusCode();
		}

		HttpClient.Version version() {
			return this.raw.version();
		}

		String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		String body() {
			return this.raw.body();
		}

		JsonNode json() {
			return json.readTree(this.raw.body());
		}

		@Override
		public String toString() {
			return this.raw.statusCode() + " " + this.raw.headers().map() + " " + this.raw.body();
		}

	}

}
