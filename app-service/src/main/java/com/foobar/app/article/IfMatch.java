package com.foobar.app.article;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code If-Match} header (RFC 9110, section 13.1.1): {@code *} or a list of entity
 * tags. Comparison is strong, so weak tags never match.
 */
record IfMatch(boolean any, List<String> tags) {

	private static final Pattern TAG = Pattern.compile("\\s*(W/)?(\"[^\"]*\")\\s*(,|$)");

	/**
	 * Parses the header value.
	 * @throws Malformed if the value is not {@code *} or a list of entity tags
	 */
	static IfMatch parse(String header) {
		String value = header.strip();
		if (value.equals("*")) {
			return new IfMatch(true, List.of());
		}
		List<String> tags = new ArrayList<>();
		Matcher matcher = TAG.matcher(value);
		int end = 0;
		while (end < value.length() && matcher.find(end) && matcher.start() == end) {
			if (matcher.group(1) == null) {
				tags.add(matcher.group(2));
			}
			end = matcher.end();
		}
		if (end != value.length() || value.isEmpty()) {
			throw new Malformed();
		}
		return new IfMatch(false, List.copyOf(tags));
	}

	boolean matches(String etag) {
		return this.any || this.tags.contains(etag);
	}

	static final class Malformed extends IllegalArgumentException {

		Malformed() {
			super("If-Match must be * or a list of quoted entity tags");
		}

	}

}
