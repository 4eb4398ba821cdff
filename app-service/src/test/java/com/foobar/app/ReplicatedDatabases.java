package com.foobar.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import org.slf4j.LoggerFactory;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real primary and replica, started once per test JVM from the image in
 * {@code DB_IMAGE} (official {@code mysql:9.7} by default; the local substitute where
 * there is no registry) with the project's own {@code db/} configuration, entrypoint and
 * init script, on a network where the primary answers to {@code db-primary} as it does
 * under Compose. The replica follows it over TLS, verifying a {@code db-primary}
 * certificate made by the stack's own {@code haproxy/certs.sh}. Unlike under Compose,
 * root may log in over TCP (the image's default {@code root@'%'}): the tests reach the
 * servers only through their mapped ports.
 */
public final class ReplicatedDatabases {

	public static final String ROOT_PASSWORD = "test-root";

	public static final String DB_NAME = "foobar";

	private static final Path ROOT_DIR = Path.of("..").toAbsolutePath().normalize();

	private static final Path DB_DIR = ROOT_DIR.resolve("db");

	private static final String IMAGE = System.getenv().getOrDefault("DB_IMAGE", "mysql:9.7");

	private static final Map<String, String> USERS = Map.of("DB_NAME", DB_NAME, "DB_APP_USER", "foobar_app",
			"DB_APP_PASSWORD", "test-app", "DB_MIGRATION_USER", "foobar_migrator", "DB_MIGRATION_PASSWORD",
			"test-migrator", "DB_REPLICATION_USER", "foobar_repl", "DB_REPLICATION_PASSWORD", "test-repl");

	private static final Network network = Network.newNetwork();

	private static final Path TLS_DIR = certificates();

	public static final GenericContainer<?> primary = server("primary").withNetworkAliases("db-primary");

	public static final GenericContainer<?> replica = server("replica").withEnv("DB_SOURCE_HOST", "db-primary");

	static {
		primary.start();
		replica.start();
	}

	private ReplicatedDatabases() {
	}

	private static GenericContainer<?> server(String role) {
		return new GenericContainer<>(DockerImageName.parse(IMAGE)).withNetwork(network)
			.withEnv(USERS)
			.withEnv("MYSQL_ROOT_PASSWORD", ROOT_PASSWORD)
			.withEnv("DB_ROLE", role)
			.withCopyFileToContainer(MountableFile.forHostPath(DB_DIR.resolve("conf/server.cnf"), 0644),
					"/etc/mysql/conf.d/server.cnf")
			.withCopyFileToContainer(MountableFile.forHostPath(DB_DIR.resolve("conf/" + role + ".cnf"), 0644),
					"/etc/mysql/conf.d/role.cnf")
			.withCopyFileToContainer(MountableFile.forHostPath(DB_DIR.resolve("initdb/10-foobar.sh"), 0755),
					"/docker-entrypoint-initdb.d/10-foobar.sh")
			.withCopyFileToContainer(MountableFile.forHostPath(DB_DIR.resolve("entrypoint.sh"), 0755),
					"/usr/local/bin/foobar-entrypoint.sh")
			.withCopyFileToContainer(MountableFile.forHostPath(TLS_DIR.resolve("db-" + role)), "/run/foobar-tls")
			// As under Compose: db/entrypoint.sh hands the TLS files to mysqld, then runs
			// the image's own entrypoint.
			.withCreateContainerCmdModifier(
					(cmd) -> cmd.withEntrypoint("/bin/sh", "/usr/local/bin/foobar-entrypoint.sh"))
			.withCommand("mysqld")
			.withExposedPorts(3306)
			.withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("db-" + role)))
			// The init step runs a server without networking; the port opens only once it
			// is done (on the replica: once it has caught up with the primary).
			.waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(3)));
	}

	/**
	 * The stack's CA and the db-primary certificate, made by haproxy/certs.sh in a
	 * throwaway container of the database image (which has openssl), into
	 * {@code target/db-tls/}: the folders {@code db-primary/} and {@code db-replica/}.
	 */
	private static Path certificates() {
		Path dir = Path.of("target", "db-tls").toAbsolutePath();
		try (GenericContainer<?> certs = new GenericContainer<>(DockerImageName.parse(IMAGE))
			.withCreateContainerCmdModifier((cmd) -> cmd.withEntrypoint("sleep"))
			.withCommand("infinity")
			.withCopyFileToContainer(MountableFile.forHostPath(ROOT_DIR.resolve("haproxy/certs.sh"), 0755),
					"/usr/local/bin/certs.sh")) {
			certs.start();
			ExecResult result = certs.execInContainer("sh", "/usr/local/bin/certs.sh", "/certs");
			if (result.getExitCode() != 0) {
				throw new IllegalStateException("certs.sh failed: " + result.getStderr());
			}
			for (String file : List.of("db-primary/ca.crt", "db-primary/db-primary.crt", "db-primary/db-primary.key",
					"db-replica/ca.crt")) {
				Path target = dir.resolve(file);
				Files.createDirectories(target.getParent());
				certs.copyFileFromContainer("/certs/" + file, target.toString());
			}
			return dir;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Points the app's two pools and Flyway at the pair. */
	public static void register(DynamicPropertyRegistry registry) {
		registry.add("DB_PRIMARY_HOST", primary::getHost);
		registry.add("DB_PRIMARY_PORT", () -> primary.getMappedPort(3306));
		registry.add("DB_REPLICA_HOST", replica::getHost);
		registry.add("DB_REPLICA_PORT", () -> replica.getMappedPort(3306));
		USERS.forEach((name, value) -> registry.add(name, () -> value));
	}

	public static Connection rootConnection(GenericContainer<?> server) throws SQLException {
		return connect(server, "root", ROOT_PASSWORD);
	}

	public static Connection connect(GenericContainer<?> server, String user, String password) throws SQLException {
		return DriverManager.getConnection(
				"jdbc:mysql://%s:%d/%s".formatted(server.getHost(), server.getMappedPort(3306), DB_NAME), user,
				password);
	}

	public static String appPassword() {
		return USERS.get("DB_APP_PASSWORD");
	}

}
