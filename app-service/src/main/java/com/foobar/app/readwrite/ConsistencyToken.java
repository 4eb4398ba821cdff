package com.foobar.app.readwrite;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Read-your-writes, the client's side: after a write the client gets a token (header
 * {@value #HEADER}, and a cookie for browsers) naming the GTID of its own transaction; a
 * later read that brings it back waits briefly for the replica to have that GTID, or else
 * goes to the primary. When no GTID could be had, the token says so: such reads go to the
 * primary. The token travels base64url-encoded; decoding accepts only one GTID
 * ({@code uuid:number}) or that marker, so nothing else ever reaches the database, and
 * anything else is ignored, never an error.
 *
 * @param gtid the write's GTID, or null for "read from the primary"
 */
public record ConsistencyToken(@Nullable String gtid) {

	public static final String HEADER = "X-Consistency-Token";

	public static final String COOKIE = "consistency_token";

	static final ConsistencyToken PRIMARY = new ConsistencyToken(null);

	private static final String PRIMARY_MARKER = "primary";

	// Base64 of the longest GTID (36 + 1 + 19 characters), with room to spare.
	private static final int MAX_ENCODED_LENGTH = 100;

	private static final Pattern GTID = Pattern
		.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}:[1-9][0-9]{0,18}");

	private static final ThreadLocal<ConsistencyToken> current = new ThreadLocal<>();

	/** The token, or empty when the value is not one. */
	public static Optional<ConsistencyToken> decode(@Nullable String encoded) {
		if (encoded == null || encoded.isBlank() || encoded.length() > MAX_ENCODED_LENGTH) {
			return Optional.empty();
		}
		try {
			String value = new String(Base64.getUrlDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
			if (PRIMARY_MARKER.equals(value)) {
				return Optional.of(PRIMARY);
			}
			return GTID.matcher(value).matches() ? Optional.of(new ConsistencyToken(value)) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	public String encode() {
		String value = (this.gtid != null) ? this.gtid : PRIMARY_MARKER;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	/** Whether reads with this token must go to the primary. */
	boolean readsFromPrimary() {
		return this.gtid == null;
	}

	/** The token the current request brought, if any. */
	static @Nullable ConsistencyToken current() {
		return current.get();
	}

	static void setCurrent(@Nullable ConsistencyToken token) {
		if (token == null) {
			current.remove();
		}
		else {
			current.set(token);
		}
	}

}
