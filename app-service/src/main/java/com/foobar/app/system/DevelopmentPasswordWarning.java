package com.foobar.app.system;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Warns at startup when the database passwords are the public development ones from
 * {@code db/dev-secrets/} (plain {@code docker compose up}): fine on a laptop, never
 * anywhere else. Names the properties, never their values.
 */
@Component
class DevelopmentPasswordWarning {

	/** How every password in {@code db/dev-secrets/} begins. */
	static final String DEVELOPMENT_PREFIX = "dev-only-";

	private static final List<String> PASSWORDS = List.of("DB_APP_PASSWORD", "DB_MIGRATION_PASSWORD");

	private static final Log log = LogFactory.getLog(DevelopmentPasswordWarning.class);

	private final Environment properties;

	DevelopmentPasswordWarning(Environment properties) {
		this.properties = properties;
	}

	@EventListener(ApplicationStartedEvent.class)
	void warnAboutDevelopmentPasswords() {
		List<String> development = developmentPasswords();
		if (!development.isEmpty()) {
			log.warn("Database password(s) " + String.join(", ", development)
					+ " are the PUBLIC development passwords from db/dev-secrets/ (they start with '"
					+ DEVELOPMENT_PREFIX + "'). Never use them beyond your own machine: `make up` generates"
					+ " random ones in .secrets/, or point SECRETS_DIR at your own.");
		}
	}

	/** The names of the password properties whose value is a development password. */
	List<String> developmentPasswords() {
		return PASSWORDS.stream().filter((name) -> {
			String value = this.properties.getProperty(name);
			return value != null && value.strip().startsWith(DEVELOPMENT_PREFIX);
		}).toList();
	}

}
