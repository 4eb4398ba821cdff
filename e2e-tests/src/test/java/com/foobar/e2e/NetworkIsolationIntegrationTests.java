package com.foobar.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segmentation as the firewall, seen from the host (this JVM): only the load balancer
 * publishes ports, the stats port only on 127.0.0.1, and no container but the load
 * balancer answers on any of its own addresses.
 * <p>
 * "Answers" means the service itself: a TCP connect alone proves nothing on hosts whose
 * outbound traffic passes a transparent proxy that accepts every connection (the CI
 * machine has one), so each probe also checks that the service speaks: MySQL's greeting,
 * the app's or gateway's actuator, the web server's X-Served-By.
 */
@Order(3)
class NetworkIsolationIntegrationTests extends StackTests {

	@Test
	@Order(1)
	void onlyTheLoadBalancerPublishesPortsAndStatsOnlyOnLocalhost() {
		String published = this.stack.docker(60, "ps", "--filter",
				"label=com.docker.compose.project=" + this.stack.project(), "--format",
				"{{.Label \"com.docker.compose.service\"}}\t{{.Ports}}");
		System.out.println("e2e: published ports:\n" + published.strip());
		for (String line : published.strip().split("\n")) {
			String[] fields = line.split("\t", 2);
			String ports = (fields.length > 1) ? fields[1] : "";
			if (fields[0].equals("lb")) {
				assertThat(ports.split(",\\s*"))
					.allMatch((port) -> !port.contains("->") || port.startsWith("127.0.0.1:"));
			}
			else {
				assertThat(ports).as(fields[0] + " publishes nothing").doesNotContain("->");
			}
		}
		assertThat(this.stack.compose(60, "port", "lb", "8404").strip())
			.isEqualTo("127.0.0.1:" + this.stack.statsPort());
	}

	@Test
	@Order(2)
	void theHostReachesNoContainerButTheLoadBalancer() {
		Map<String, List<String>> addresses = this.stack.addresses();
		System.out.println("e2e: container addresses " + addresses);
		assertThat(addresses.keySet()).contains("lb", "web-1", "web-2", "gateway-1", "gateway-2", "app-1", "app-2",
				"db-primary", "db-replica");
		List<String> reached = new ArrayList<>();
		List<String> probed = new ArrayList<>();
		addresses.forEach((service, ips) -> {
			for (String ip : ips) {
				for (int port : new int[] { 80, 3306, 8080 }) {
					probed.add(service + " " + ip + ":" + port);
					if (answers(ip, port)) {
						reached.add(service + " " + ip + ":" + port);
					}
				}
			}
		});
		System.out.println("e2e: probed " + probed.size() + " address:port pairs from the host; answered: " + reached);
		// The control: the load balancer is on the one network the host is on.
		assertThat(reached).anyMatch((r) -> r.startsWith("lb ") && r.endsWith(":80"));
		assertThat(reached).allMatch((r) -> r.startsWith("lb "));
	}

	/** Whether a server of this stack (HTTP or MySQL) answers on the address. */
	private static boolean answers(String ip, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(ip, port), 1000);
			socket.setSoTimeout(2000);
			if (port == 3306) {
				// MySQL greets first: protocol version 10 after the 4-byte header.
				byte[] greeting = socket.getInputStream().readNBytes(5);
				return greeting.length == 5 && greeting[4] == 10;
			}
			socket.getOutputStream()
				.write(("GET /actuator/health HTTP/1.0\r\nHost: " + Www.HOST + "\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			String response = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
			// HAProxy redirects (lb), nginx says X-Served-By, Spring Boot
			// answers its actuator.
			return response.startsWith("HTTP/") && (response.contains(Headers.SERVED_BY)
					|| response.contains("\"status\"") || response.toLowerCase().contains("location: https://"));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
