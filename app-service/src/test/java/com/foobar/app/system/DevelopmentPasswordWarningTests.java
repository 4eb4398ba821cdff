package com.foobar.app.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DevelopmentPasswordWarningTests {

	@Test
	void warnsAboutTheDevelopmentPasswordsWithoutShowingThem(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty("DB_APP_PASSWORD", "dev-only-app-password\n")
			.withProperty("DB_MIGRATION_PASSWORD", "s3cret-from-make");
		new DevelopmentPasswordWarning(environment).warnAboutDevelopmentPasswords();
		assertThat(output).contains("WARN", "DB_APP_PASSWORD", "PUBLIC development passwords", "db/dev-secrets/")
			.doesNotContain("DB_MIGRATION_PASSWORD", "dev-only-app-password", "s3cret-from-make");
	}

	@Test
	void staysQuietWithOtherPasswords(CapturedOutput output) {
		MockEnvironment environment = new MockEnvironment().withProperty("DB_APP_PASSWORD", "Zq81xLrandom")
			.withProperty("DB_MIGRATION_PASSWORD", "Yt02random-dev-only-");
		new DevelopmentPasswordWarning(environment).warnAboutDevelopmentPasswords();
		assertThat(output).doesNotContain("development passwords");
	}

	@Test
	void namesEveryDevelopmentPassword() {
		MockEnvironment environment = new MockEnvironment().withProperty("DB_APP_PASSWORD", "dev-only-app-password")
			.withProperty("DB_MIGRATION_PASSWORD", "dev-only-migration-password");
		assertThat(new DevelopmentPasswordWarning(environment).developmentPasswords())
			.containsExactly("DB_APP_PASSWORD", "DB_MIGRATION_PASSWORD");
	}

}
