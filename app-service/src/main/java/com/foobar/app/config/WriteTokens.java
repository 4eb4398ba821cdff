package com.foobar.app.config;

import java.time.Duration;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes, the server's side of a write: once the write has committed, the
 * primary's GTID position (which now includes it) goes back to the client as a
 * {@link ConsistencyToken}.
 */
@Component
public class WriteTokens {

	private static final Log log = LogFactory.getLog(WriteTokens.class);

	// Long enough for any replica within the lag bound to catch up; a browser's later
	// reads then
	// need no token.
	private static final Duration COOKIE_LIFETIME = Duration.ofSeconds(60);

	private final JdbcTemplate primary;

	private final DatabaseMonitor monitor;

	WriteTokens(@Qualifier("primaryDataSource") DataSource primary, DatabaseMonitor monitor) {
		this.primary = new JdbcTemplate(primary);
		this.monitor = monitor;
	}

	/** Headers for a write's response: the token, and a cookie with it for browsers. */
	public HttpHeaders afterWrite() {
		HttpHeaders headers = new HttpHeaders();
		try {
			String position = this.primary.queryForObject(this.monitor.flavor().positionQuery, String.class);
			if (position != null && !position.isBlank()) {
				String token = new ConsistencyToken(position.strip()).encode();
				headers.set(ConsistencyToken.HEADER, token);
				headers.add(HttpHeaders.SET_COOKIE,
						ResponseCookie.from(ConsistencyToken.COOKIE, token)
							.path("/api/")
							.maxAge(COOKIE_LIFETIME)
							.httpOnly(true)
							.sameSite("Lax")
							.build()
							.toString());
			}
		}
		catch (RuntimeException ex) {
			// The write is committed; only read-your-writes is lost for this client.
			log.warn("No consistency token for a committed write: " + ex.getMessage());
		}
		return headers;
	}

}
