package com.foobar.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's HTTPS: port 80 only redirects, TLS 1.2/1.3 with Mozilla's intermediate
 * ciphers, HTTP/2 by ALPN, HSTS, the web servers' security headers and body limit through
 * the load balancer, and testssl.sh's verdict.
 */
@Order(2)
class TlsIntegrationTests extends StackTests {

	@Test
	@Order(1)
	void plainHttpIsRedirectedToHttpsKeepingPathAndQuery() throws Exception {
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		HttpResponse<String> response = client.send(HttpRequest
			.newBuilder(URI.create("http://" + Www.HOST + ":" + this.stack.httpPort() + "/api/articles?page=1&size=2"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(301);
		assertThat(response.headers().firstValue(Headers.LOCATION))
			.hasValue(this.www.base() + "/api/articles?page=1&size=2");
		// HSTS means nothing over plain HTTP (RFC 6797): only HTTPS responses carry it.
		assertThat(response.headers().firstValue(Headers.HSTS)).isEmpty();
	}

	@Test
	@Order(2)
	void httpsWithTheLocalCaSpeaksHttp2AndSendsHsts() {
		Www.Response page = this.www.get("/");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.version()).isEqualTo(HttpClient.Version.HTTP_2);
		assertThat(page.header(Headers.HSTS)).isEqualTo("max-age=63072000");
		assertThat(this.articles.list().header(Headers.HSTS)).isEqualTo("max-age=63072000");
	}

	@Test
	@Order(3)
	void tls12And13AreAccepted() throws Exception {
		for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
			try (SSLSocket socket = (SSLSocket) Www.sslContext()
				.getSocketFactory()
				.createSocket(Www.HOST, this.stack.httpsPort())) {
				socket.setEnabledProtocols(new String[] { protocol });
				var parameters = socket.getSSLParameters();
				parameters.setEndpointIdentificationAlgorithm("HTTPS");
				parameters.setApplicationProtocols(new String[] { "h2", "http/1.1" });
				socket.setSSLParameters(parameters);
				socket.startHandshake();
				System.out.printf("e2e: %s accepted: %s, ALPN %s%n", protocol, socket.getSession().getCipherSuite(),
						socket.getApplicationProtocol());
				assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
				assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
			}
		}
	}

	/**
	 * With OpenSSL's client, which (at security level 0) still offers what the JDK no
	 * longer would: the refusals below are the server's.
	 */
	@Test
	@Order(4)
	void oldProtocolsAndWeakCiphersAreRefused() throws Exception {
		assumeTool("openssl");
		assertThat(handshake("-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256")).as("control").isTrue();
		assertThat(handshake("-tls1", "-cipher", "DEFAULT:@SECLEVEL=0")).as("TLS 1.0").isFalse();
		assertThat(handshake("-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0")).as("TLS 1.1").isFalse();
		for (String weak : List.of("ECDHE-ECDSA-AES128-SHA", "ECDHE-ECDSA-AES256-SHA384", "AES128-SHA",
				"AES256-GCM-SHA384", "DES-CBC3-SHA", "RC4-SHA", "NULL-SHA256")) {
			assertThat(handshake("-tls1_2", "-cipher", weak + ":@SECLEVEL=0")).as(weak).isFalse();
		}
	}

	@Test
	@Order(5)
	void theWebServersSecurityHeadersReachTheClient() {
		for (String path : List.of("/", Articles.PATH, "/no-such-page")) {
			Www.Response response = this.www.get(path);
			assertThat(response.header("Content-Security-Policy")).as(path)
				.contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'");
			assertThat(response.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
			assertThat(response.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
			assertThat(response.header("X-Frame-Options")).as(path).isEqualTo("DENY");
			// No product or version tokens.
			assertThat(response.header("Server")).as(path).isNull();
			assertThat(response.header("X-Powered-By")).as(path).isNull();
		}
	}

	@Test
	@Order(6)
	void aBodyOverOneMegabyteIsRefusedWith413ThroughTheLoadBalancer() {
		assertProblem(this.articles.create("big", "a".repeat(1_100_000)), 413);
	}

	/**
	 * testssl.sh against the HTTPS port: protocols, server defaults, forward secrecy,
	 * known vulnerabilities and headers. In CI a missing testssl.sh is a failure.
	 */
	@Test
	@Order(7)
	void testsslFindsNothingSevere() throws Exception {
		assumeTool("testssl");
		Path json = Files.createTempFile(Path.of("target"), "testssl", ".json");
		Files.delete(json);
		run(300, "testssl", "--quiet", "--color", "0", "--warnings", "batch", "--jsonfile", json.toString(), "--ip",
				"127.0.0.1", "-p", "-s", "-f", "-U", "-h", Www.HOST + ":" + this.stack.httpsPort());
		Map<String, JsonNode> findings = new HashMap<>();
		List<String> severe = new ArrayList<>();
		for (JsonNode finding : JsonMapper.builder().build().readTree(json.toFile())) {
			String id = finding.get("id").asString();
			String severity = finding.get("severity").asString();
			findings.put(id, finding);
			if (severity.equals("HIGH") || severity.equals("CRITICAL")) {
				severe.add(id + " " + severity + " " + finding.get("finding").asString());
			}
			if (!severity.equals("OK") && !severity.equals("INFO")) {
				System.out.println("e2e: testssl " + severity + " " + id + ": " + finding.get("finding").asString());
			}
		}
		for (String id : List.of("SSLv2", "SSLv3", "TLS1", "TLS1_1")) {
			assertThat(findings.get(id).get("finding").asString()).as(id).isEqualTo("not offered");
		}
		for (String id : List.of("TLS1_2", "TLS1_3")) {
			assertThat(findings.get(id).get("finding").asString()).as(id).startsWith("offered");
		}
		assertThat(findings.get("ALPN_HTTP2").get("finding").asString()).contains("h2");
		assertThat(severe).as("HIGH or CRITICAL findings").isEmpty();
	}

	private boolean handshake(String... options) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect",
				"127.0.0.1:" + this.stack.httpsPort(), "-servername", Www.HOST));
		command.addAll(List.of(options));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return process.exitValue() == 0 && output.contains("Cipher is ") && !output.contains("Cipher is (NONE)");
	}

	private static void assumeTool(String tool) throws IOException, InterruptedException {
		boolean present = new ProcessBuilder("sh", "-c", "command -v " + tool).start().waitFor() == 0;
		requireTool(tool, present, "scripts/prepare-machine.sh installs it");
	}

	private static String run(int timeoutSeconds, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes());
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(String.join(" ", command) + " took over " + timeoutSeconds + " s");
		}
		return output;
	}

}
