package com.foobar.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import static org.awaitility.Awaitility.await;

/**
 * www.foobar.com end to end: the stack from the project's docker-compose.yml, every
 * request sent to the load balancer on 127.0.0.1 with {@code Host: www.foobar.com}. The
 * tests that stop parts of the stack are in {@link FailoverIntegrationTests}.
 */
@Order(1)
class StackIntegrationTests extends StackTests {

	@Test
	@Order(1)
	void theStaticSiteIsServedByBothWebServersInTurn() {
		List<String> servedBy = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Www.Response page = this.www.get("/");
			assertThat(page.status()).isEqualTo(200);
			assertThat(page.header(Headers.CONTENT_TYPE)).startsWith("text/html");
			assertThat(page.body()).contains("<html");
			servedBy.add(page.header(Headers.SERVED_BY));
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
		assertThat(health.header(Headers.SERVED_BY)).isIn("web-1", "web-2");
	}

	@Test
	@Order(3)
	void articlesCanBeCreatedReadUpdatedAndDeleted() {
		Articles.Result created = this.articles.create("Hello e2e", "Through it all");
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.header(Headers.SERVED_BY)).isIn("web-1", "web-2");
		assertThat(created.header(Headers.APP_INSTANCE)).isIn("app-1", "app-2");
		long id = created.id();
		assertThat(created.header(Headers.LOCATION)).isEqualTo(Articles.path(id));

		Articles.Result read = this.articles.readFromReplica(id);
		assertThat(read.article().title()).isEqualTo("Hello e2e");
		assertThat(read.header(Headers.ETAG)).isEqualTo("\"0\"");

		Articles.Result updated = this.articles.update(id, 0, "Hello again", "Edited");
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.header(Headers.ETAG)).isEqualTo("\"1\"");

		assertProblem(this.articles.update(id, 0, "Lost", "Update"), 412);

		Articles.Result listed = this.articles.list(0, 5);
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.readSource()).isEqualTo("replica");

		assertThat(this.articles.delete(id).status()).isEqualTo(204);
		assertProblem(this.articles.delete(id), 404);
	}

	@Test
	@Order(4)
	void writesReachTheReplica() {
		long id = this.articles.created("Replicated", "Copied").id();
		String query = "mysql -uroot -p\"$(cat /run/secrets/DB_ROOT_PASSWORD)\" -N -e"
				+ " 'SELECT title FROM foobar.article WHERE id = " + id + "' 2>/dev/null";
		String onReplica = await("the article in the replica's table").atMost(Duration.ofSeconds(30))
			.until(() -> this.stack.exec("db-replica", query).strip(), "Replicated"::equals);
		assertThat(onReplica).isEqualTo("Replicated");
	}

	@Test
	@Order(5)
	void bothAppInstancesServeTheApi() {
		Set<String> instances = new HashSet<>();
		for (int i = 0; i < 20; i++) {
			Articles.Result list = this.articles.list();
			assertThat(list.status()).isEqualTo(200);
			assertThat(list.readSource()).isEqualTo("replica");
			instances.add(list.header(Headers.APP_INSTANCE));
		}
		assertThat(instances).containsExactlyInAnyOrder("app-1", "app-2");
	}

	@Test
	@Order(6)
	void badInputGetsAProblemDocument() {
		assertProblem(this.articles.create("", "x"), 400);
		assertProblem(this.www.send("POST", Articles.PATH, "{oops", Map.of(Headers.CONTENT_TYPE, Headers.JSON)), 400);
		assertProblem(this.www.get(Articles.PATH + "/not-a-number"), 400);
	}

	@Test
	@Order(7)
	void aBrowserCreatesAnArticleThroughThePage() throws Exception {
		Path driver = Path.of("/usr/bin/chromedriver");
		requireTool("chromedriver", Files.isExecutable(driver), "apt-get install chromium-driver");
		ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
					"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
					"--user-data-dir=" + Files.createTempDirectory("chromium"),
					// The hosts entry a user would add, for this browser only.
					"--host-resolver-rules=MAP " + Www.HOST + " 127.0.0.1",
					// Trust the stack's certificate, and only it: Chromium
					// accepts a chain that holds a key with this SPKI hash
					// (instead of importing the local CA into an NSS database,
					// which needs certutil and a HOME of its own).
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

}
