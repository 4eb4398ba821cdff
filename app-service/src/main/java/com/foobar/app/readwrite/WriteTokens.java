package com.foobar.app.readwrite;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Read-your-writes, the server's side: once a read-write transaction has committed, the
 * response gets a {@link ConsistencyToken} naming the transaction's own GTID, as a header
 * and as a cookie (path {@code /api/}) for browsers. Without a GTID (the commit wrote
 * nothing, or the server did not say) the token sends the client's next reads to the
 * primary, so the client never goes without read-your-writes.
 */
@Component
class WriteTokens {

	// Long enough for a replica within the lag bound to catch up.
	private static final Duration COOKIE_LIFETIME = Duration.ofSeconds(60);

	private final MeterRegistry meters;

	WriteTokens(MeterRegistry meters) {
		this.meters = meters;
	}

	/** Puts the token for a committed transaction on the current response. */
	void issue(@Nullable String gtid) {
		ConsistencyToken token = (gtid != null) ? new ConsistencyToken(gtid) : ConsistencyToken.PRIMARY;
		this.meters.counter("foobar.consistency.tokens", "kind", token.readsFromPrimary() ? "primary" : "gtid")
			.increment();
		HttpServletResponse response = CurrentResponse.get();
		if (response == null || response.isCommitted()) {
			return;
		}
		String encoded = token.encode();
		response.setHeader(ConsistencyToken.HEADER, encoded);
		// Our only cookie: a second write in one request replaces it.
		response.setHeader(HttpHeaders.SET_COOKIE,
				ResponseCookie.from(ConsistencyToken.COOKIE, encoded)
					.path("/api/")
					.maxAge(COOKIE_LIFETIME)
					.httpOnly(true)
					.secure(true)
					.sameSite("Lax")
					.build()
					.toString());
	}

}
