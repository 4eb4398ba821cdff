package com.foobar.app;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app-service against a real replicating primary/replica pair. The databases
 * start when this class loads; without Docker that fails, so these tests fail rather than
 * skip.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "foobar.web.instance=app-test")
public abstract class AbstractIntegrationTests {

	@DynamicPropertySource
	static void databases(DynamicPropertyRegistry registry) {
		ReplicatedDatabases.register(registry);
	}

}
