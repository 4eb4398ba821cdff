package com.foobar.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The project's own docker-compose.yml, run as a separate Compose project with its own
 * ports, so a user's running stack is left alone. Plain {@code docker compose} commands:
 * the tests stop single services and restart the stack without losing volumes, which
 * Testcontainers' Compose support does not offer.
 */
final class Stack {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private static final Path LOG = Path.of("target", "compose.log");

	/**
	 * The stacks' TLS certificate folder (CERTS_DIR): a local CA and www.foobar.com, made
	 * by the first stack (haproxy/certs.sh), apart from the user's own .certs/.
	 */
	static final Path CERTS = ROOT.resolve("e2e-tests/target/certs");

	/** The local CA that signed the load balancer's certificate. */
	static final Path CA_CERTIFICATE = CERTS.resolve("ca.crt");

	// A Compose project of its own, so its containers, networks and volumes are
	// never those of a user's stack.
	private final String project = System.getenv().getOrDefault("E2E_PROJECT", "foobar-e2e");

	private final int httpPort = freePort();

	private final int httpsPort = freePort();

	private final int statsPort = freePort();

	// More environment for docker compose (e.g. a low RATE_LIMIT_PER_10S).
	private final Map<String, String> environment = new HashMap<>();

	int httpPort() {
		return this.httpPort;
	}

	int httpsPort() {
		return this.httpsPort;
	}

	int statsPort() {
		return this.statsPort;
	}

	String project() {
		return this.project;
	}

	/**
	 * Sets a variable for docker-compose.yml, or removes it when the value is null; takes
	 * effect when a service is next created.
	 */
	Stack environment(String name, String value) {
		if (value == null) {
			this.environment.remove(name);
		}
		else {
			this.environment.put(name, value);
		}
		return this;
	}

	/**
	 * The IPv4 addresses of this project's containers on all their networks, by Compose
	 * service name.
	 */
	Map<String, List<String>> addresses() {
		String ids = docker(60, "ps", "-q", "--filter", "label=com.docker.compose.project=" + this.project).strip();
		Map<String, List<String>> addresses = new LinkedHashMap<>();
		if (ids.isEmpty()) {
			return addresses;
		}
		List<String> inspect = new ArrayList<>(List.of("inspect", "-f",
				"{{index .Config.Labels \"com.docker.compose.service\"}}{{range .NetworkSettings.Networks}} {{.IPAddress}}{{end}}"));
		inspect.addAll(List.of(ids.split("\\s+")));
		for (String line : docker(60, inspect.toArray(String[]::new)).strip().split("\n")) {
			String[] fields = line.strip().split("\\s+");
			List<String> ips = addresses.computeIfAbsent(fields[0], (service) -> new ArrayList<>());
			for (int i = 1; i < fields.length; i++) {
				if (!fields[i].isEmpty()) {
					ips.add(fields[i]);
				}
			}
		}
		return addresses;
	}

	/** Runs the docker CLI (not Compose) and returns its output. */
	String docker(int timeoutSeconds, String... args) {
		List<String> command = new ArrayList<>(List.of("docker"));
		command.addAll(List.of(args));
		return run(command, timeoutSeconds);
	}

	void up() {
		compose(720, "up", "-d", "--build", "--wait", "--wait-timeout", "600");
	}

	void down(boolean removeVolumes) {
		if (removeVolumes) {
			compose(180, "down", "-v", "--remove-orphans");
		}
		else {
			compose(180, "down");
		}
	}

	void stop(String service) {
		compose(120, "stop", service);
	}

	/**
	 * Recreates one service with the current environment, and no other (its dependencies
	 * are up already), and waits until it is healthy.
	 */
	void recreate(String service) {
		compose(300, "up", "-d", "--no-deps", "--wait", "--wait-timeout", "240", service);
	}

	/**
	 * Starts a service, or recreates it when its configuration changed, and waits until
	 * it is healthy.
	 */
	void start(String service) {
		compose(300, "up", "-d", "--wait", "--wait-timeout", "240", service);
	}

	/** Runs a shell command inside a service's container and returns its output. */
	String exec(String service, String command) {
		return compose(60, "exec", "-T", service, "bash", "-c", command);
	}

	String compose(int timeoutSeconds, String... args) {
		List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", this.project));
		command.addAll(List.of(args));
		return run(command, timeoutSeconds);
	}

	private String run(List<String> command, int timeoutSeconds) {
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
		builder.environment().put("HTTP_PORT", String.valueOf(this.httpPort));
		builder.environment().put("HTTPS_PORT", String.valueOf(this.httpsPort));
		builder.environment().put("STATS_PORT", String.valueOf(this.statsPort));
		builder.environment().put("CERTS_DIR", CERTS.toString());
		builder.environment().putAll(this.environment);
		try {
			Process process = builder.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(String.join(" ", command) + " took over " + timeoutSeconds + " s");
			}
			String text = new String(output);
			Files.createDirectories(LOG.getParent());
			Files.writeString(LOG, "$ " + String.join(" ", command) + "\n" + text, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			if (process.exitValue() != 0) {
				throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n"
						+ text.substring(Math.max(0, text.length() - 4000)));
			}
			return text;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot run docker compose: is Docker installed?", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
