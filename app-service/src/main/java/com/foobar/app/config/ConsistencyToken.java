package com.foobar.app.config;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Read-your-writes, the client's side: after a write the client gets the primary's GTID
 * position as a token (header {@value #HEADER}, and a cookie for browsers); when it sends
 * the token with a later read, that read waits briefly for the replica to reach the
 * position, or else goes to the primary. The token travels base64url-encoded; decoding
 * checks it is a GTID set (MySQL) or position list (MariaDB), so nothing else ever
 * reaches the database.
 */
public record ConsistencyToken(String position) {

	public static final String HEADER = "X-Consistency-Token";

	public static final String COOKIE = "consistency_token";

	private static final int MAX_LENGTH = 4096;

	private static final String MYSQL_INTERVAL = "\\d+(-\\d+)?";

	private static final String MYSQL_SET = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
			+ "(:" + MYSQL_INTERVAL + ")+";

	private static final Pattern MYSQL = Pattern.compile(MYSQL_SET + "(,\\s*" + MYSQL_SET + ")*");

	private static final Pattern MARIADB = Pattern.compile("\\d+-\\d+-\\d+(,\\d+-\\d+-\\d+)*");

	private static final ThreadLocal<ConsistencyToken> current = new ThreadLocal<>();

	/**
	 * The token, or empty when the value is not one (it is then ignored, not an error).
	 */
	public static Optional<ConsistencyToken> decode(String encoded) {
		if (encoded == null || encoded.isEmpty() || encoded.length() > MAX_LENGTH) {
			return Optional.empty();
		}
		try {
			String position = new String(Base64.getUrlDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
			boolean valid = MARIADB.matcher(position).matches() || MYSQL.matcher(position).matches();
			return valid ? Optional.of(new ConsistencyToken(position)) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	public String encode() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(this.position.getBytes(StandardCharsets.UTF_8));
	}

	/** The token the current request brought, if any. */
	static ConsistencyToken current() {
		return current.get();
	}

	static void setCurrent(ConsistencyToken token) {
		if (token == null) {
			current.remove();
		}
		else {
			current.set(token);
		}
	}

}
