package com.foobar.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * www.foobar.com end to end: the stack from the project's docker-compose.yml, every
 * request sent to the load balancer on 127.0.0.1 with {@code Host: www.foobar.com}. Tests
 * that stop parts of the stack run last.
 */
class StackIntegrationTests extends StackTests {

	@Test
	@Order(1)
	void theStaticSiteIsServedByBothWebServersInTurn() {
		List<String> servedBy = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Www.Response page = this.www.get("/");
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.header("Content-Type")).startsWith("text/html");
			assertThat(page.body()).contains("<html");
			servedBy.add(page.header("X-Served-By"));
		}
		System.out.println("e2e: GET / answered by " + servedBy);
		assertThat(servedBy).containsOnly("web-1", "web-2");
		for (int i = 1; i < servedBy.size(); i++) {
			assertThat(servedBy.get(i)).as("round robin, request " + i).isNotEqualTo(servedBy.get(i - 1));
		}
	}

	@Test
	@Order(2)
	void healthzAnswersThroughTheWebServerChain() {
		Www.Response health = this.www.get("/healthz");
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.header("X-Served-By")).isIn("web-1", "web-2");
	}

	@Test
	@Order(3)
	void articlesCanBeCreatedReadUpdatedAndDeleted() {
		Www.Response created = this.www.post("/api/articles", Map.of("title", "Hello e2e", "body", "Through it all"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header("X-Served-By")).isIn("web-1", "web-2");
		assertThat(created.header("X-App-Instance")).isIn("app-1", "app-2");
		long id = created.json().get("id").asLong();
		assertThat(created.header("Location")).isEqualTo("/api/articles/" + id);

		Www.Response read = readFromReplica(id);
		assertThat(read.json().get("title").asString()).isEqualTo("Hello e2e");
		assertThat(read.header("ETag")).isEqualTo("\"0\"");

		Www.Response updated = this.www.send("PUT", "/api/articles/" + id,
				"{\"title\":\"Hello again\",\"body\":\"Edited\"}",
				Map.of("Content-Type", "application/json", "If-Match", "\"0\""));
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.header("ETag")).isEqualTo("\"1\"");

		Www.Response stale = this.www.send("PUT", "/api/articles/" + id, "{\"title\":\"Lost\",\"body\":\"Update\"}",
				Map.of("Content-Type", "application/json", "If-Match", "\"0\""));
		assertProblem(stale, 412);

		Www.Response listed = this.www.get("/api/articles?page=0&size=5");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.header("X-Read-Source")).isEqualTo("replica");

		assertThat(this.www.send("DELETE", "/api/articles/" + id, null, Map.of()).status()).isEqualTo(204);
		assertProblem(this.www.send("DELETE", "/api/articles/" + id, null, Map.of()), 404);
	}

	@Test
	@Order(4)
	void writesReachTheReplica() {
		Www.Response created = this.www.post("/api/articles", Map.of("title", "Replicated", "body", "Copied"));
		assertThat(created.status()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		String query = "mysql -uroot -p\"$(cat /run/secrets/DB_ROOT_PASSWORD)\" -N -e"
				+ " 'SELECT title FROM foobar.article WHERE id = " + id + "' 2>/dev/null";
		String onReplica = eventually(() -> this.stack.exec("db-replica", query).strip(), "Replicated"::equals);
		assertThat(onReplica).isEqualTo("Replicated");
	}

	@Test
	@Order(5)
	void bothAppInstancesServeTheApi() {
		Set<String> instances = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			Www.Response list = this.www.get("/api/articles");
			assertThat(list.status()).isEqualTo(200);
			assertThat(list.header("X-Read-Source")).isEqualTo("replica");
			instances.add(list.header("X-App-Instance"));
		}
		assertThat(instances).containsExactlyInAnyOrder("app-1", "app-2");
	}

	@Test
	@Order(6)
	void badInputGetsAProblemDocument() {
		assertProblem(this.www.post("/api/articles", Map.of("title", "", "body", "x")), 400);
		assertProblem(this.www.send("POST", "/api/articles", "{oops", Map.of("Content-Type", "application/json")), 400);
		assertProblem(this.www.get("/api/articles/not-a-number"), 400);
	}

	@Test
	@Order(7)
	void aBrowserCreatesAnArticleThroughThePage() throws Exception {
		Path driver = Path.of("/usr/bin/chromedriver");
		if (!Files.isExecutable(driver)) {
			// Never skipped in CI: there, a missing browser is a failure.
			assertThat(System.getenv("CI")).as("chromedriver is missing (apt-get install chromium-driver)")
				.isNotEqualTo("true");
			Assumptions.abort("chromedriver not installed");
		}
		ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--user-data-dir=" + Files.createTempDirectory("chromium"),
					// The hosts entry a user would add, for this browser only.
					"--host-resolver-rules=MAP " + Www.HOST + " 127.0.0.1",
					// Trust the stack's certificate, and only it: Chromium accepts a
					// chain that
					// holds a key with this SPKI hash (instead of importing the local CA
					// into an
					// NSS database, which needs certutil and a HOME of its own).
					"--ignore-certificate-errors-spki-list=" + spkiHashes());
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
		WebDriver browser = new ChromeDriver(service, options);
		try {
			browser.get(this.www.base() + "/");
			String title = "From the browser " + System.nanoTime();
			WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
			wait.until(ExpectedConditions.elementToBeClickable(By.id("save")));
			browser.findElement(By.id("title")).sendKeys(title);
			browser.findElement(By.id("body")).sendKeys("Typed into the form by a real browser.");
			browser.findElement(By.id("save")).click();
			wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#articles"), title));
			assertThat(browser.findElements(By.cssSelector("#articles li.article .article-title")))
				.anyMatch((element) -> element.getText().equals(title));
			assertThat(browser.findElement(By.id("served-by")).getText()).containsAnyOf("web-1", "web-2");
		}
		finally {
			browser.quit();
		}
	}

	/**
	 * Base64 SHA-256 of the public key (SubjectPublicKeyInfo) of the certificate the load
	 * balancer presents, fetched with a handshake that trusts only the local CA.
	 */
	private String spkiHashes() throws Exception {
		try (var socket = (javax.net.ssl.SSLSocket) Www.sslContext()
			.getSocketFactory()
			.createSocket(Www.HOST, this.stack.httpsPort())) {
			var parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			var certificate = socket.getSession().getPeerCertificates()[0];
			byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
				.digest(certificate.getPublicKey().getEncoded());
			return java.util.Base64.getEncoder().encodeToString(hash);
		}
	}

	@Test
	@Order(8)
	void withApp1StoppedRequestsStillSucceed() {
		this.stack.stop("app-1");
		try {
			Set<String> instances = new HashSet<>();
			int failed = 0;
			for (int i = 0; i < 30; i++) {
				Www.Response response = (i % 5 == 4)
						? this.www.post("/api/articles", Map.of("title", "without app-1 " + i, "body", "still up"))
						: this.www.get("/api/articles");
				if (response.status() >= 400) {
					failed++;
					System.out.println("e2e: failed with app-1 stopped: " + response);
				}
				instances.add(response.header("X-App-Instance"));
			}
			System.out.println("e2e: app-1 stopped: 30 requests, " + failed + " failed, served by " + instances);
			assertThat(failed).isZero();
			assertThat(instances).containsExactly("app-2");
		}
		finally {
			this.stack.start("app-1");
		}
	}

	@Test
	@Order(9)
	void dataSurvivesDownAndUp() {
		Www.Response created = this.www.post("/api/articles", Map.of("title", "Durable", "body", "Kept in volumes"));
		assertThat(created.status()).isEqualTo(201);
		long id = created.json().get("id").asLong();
		readFromReplica(id);
		this.stack.down(false);
		this.stack.up();
		Www.Response read = readFromReplica(id);
		assertThat(read.json().get("title").asString()).isEqualTo("Durable");
		assertThat(read.json().get("body").asString()).isEqualTo("Kept in volumes");
	}

}
