package com.foobar.app;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

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
 * {@code DB_IMAGE} (official {@code mysql:8.4} by default; the local MariaDB substitute
 * where there is no registry) with the project's own {@code db/} configuration and init
 * script, on a network where the primary answers to {@code db-primary} as it does under
 * Compose.
 */
public final class ReplicatedDatabases {

	public static final String ROOT_PASSWORD = "test-root";

	public static final String DB_NAME = "foobar";

	private static final Path DB_DIR = Path.of("..", "db").toAbsolutePath().normalize();

	private static final Map<String, String> USERS = Map.of("DB_NAME", DB_NAME, "DB_APP_USER", "foobar_app",
			"DB_APP_PASSWORD", "test-app", "DB_MIGRATION_USER", "foobar_migrator", "DB_MIGRATION_PASSWORD",
			"test-migrator", "DB_REPLICATION_USER", "foobar_repl", "DB_REPLICATION_PASSWORD", "test-repl");

	private static final Network network = Network.newNetwork();

	public static final GenericContainer<?> primary = server("primary").withNetworkAliases("db-primary");

	public static final GenericContainer<?> replica = server("replica").withEnv("DB_SOURCE_HOST", "db-primary");

	static {
		primary.start();
		replica.start();
	}

	private ReplicatedDatabases() {
	}

	private static GenericContainer<?> server(String role) {
		String image = System.getenv().getOrDefault("DB_IMAGE", "mysql:8.4");
		return new GenericContainer<>(DockerImageName.parse(image)).withNetwork(network)
			.withEnv(USERS)
			.withEnv("MYSQL_ROOT_PASSWORD", ROOT_PASSWORD)
			.withEnv("DB_ROLE", role)
			.withCopyFileToContainer(MountableFile.forHostPath(DB_DIR.resolve("conf/" + role + ".cnf"), 0644),
					"/etc/mysql/conf.d/foobar.cnf")
			.withCopyFileToContainer(MountableFile.forHostPath(DB_DIR.resolve("initdb/10-foobar.sh"), 0755),
					"/docker-entrypoint-initdb.d/10-foobar.sh")
			.withExposedPorts(3306)
			.withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("db-" + role)))
			// The init step runs a server without networking; the port opens only once it
			// is done.
			.waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(3)));
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
