package com.foobar.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
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

	// Its own Compose project: its containers, networks and volumes never touch a user's
	// stack.
	private final String project = System.getenv().getOrDefault("E2E_PROJECT", "foobar-e2e");

	private final int httpPort = freePort();

	private final int statsPort = freePort();

	int httpPort() {
		return this.httpPort;
	}

	void up() {
		compose(600, "up", "-d", "--build", "--wait", "--wait-timeout", "420");
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
		ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
		builder.environment().put("HTTP_PORT", String.valueOf(this.httpPort));
		builder.environment().put("STATS_PORT", String.valueOf(this.statsPort));
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
