package com.foobar.e2e;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The hostile requests of {@link HostileInputIntegrationTests}: one of every kind (bad
 * JSON, wrong types, huge values, hostile text, odd headers, methods, paths, queries,
 * malformed requests on the wire), then random variations of them from a seeded
 * {@link Random}, so that a failure can be replayed.
 */
final class HostileRequests {

	/** Hostile but valid text: SQL and HTML metacharacters and odd Unicode. */
	private static final List<String> HOSTILE_TEXT = List.of("'", "\"", ";", "--", "/*", "*/", "' OR '1'='1",
			"'; DROP TABLE article; --", "\" OR 1=1 #", "<script>alert(1)</script>", "&amp;", "&lt;b&gt;", "%00", "%27",
			"\\", "\\\\'", "`id`", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "\u202Eevil\u202C", "\u200F\u200E",
			"e\u0301\u0308\u0323", "Z\u0351\u0360\u035B\u0489", "\uD83D\uDE00", "\uD835\uDD4F",
			"\uD83D\uDC69\u200D\uD83D\uDCBB", "\u200B", "\u200D", "\uFEFF", "\u2028", "\u2029", "\u00A0", "日本語",
			"עברית", "العربية", "\t", "\n", "\r\n", "\u0000", "\u007F", "\u0085", "\uFFFD", "\uFFFF", "a",
			"plain words");

	private static final String VALID = "{\"title\":\"t\",\"body\":\"b\"}";

	private static final String HOST = "Host: " + Www.HOST + "\r\nConnection: close\r\n";

	private static final byte[] NONE = new byte[0];

	private final long articleId;

	/**
	 * @param articleId an article that PUT and DELETE requests may aim at
	 */
	HostileRequests(long articleId) {
		this.articleId = articleId;
	}

	/** One of every kind, then random ones, {@code count} in all. */
	List<Case> cases(Random random, int count) {
		List<Case> cases = new ArrayList<>();
		badJson(cases);
		wrongTypes(cases);
		hugeValues(cases);
		loneSurrogates(cases);
		validHostileText(cases);
		headers(cases);
		methods(cases);
		paths(cases);
		queries(cases);
		onTheWire(cases);
		List<Function<Random, Case>> generators = List.of(this::damagedJson, this::randomBytes, this::randomTypes,
				this::randomText, this::randomSurrogates, this::randomHeaders, this::randomPath, this::randomQuery);
		while (cases.size() < count) {
			cases.add(generators.get(random.nextInt(generators.size())).apply(random));
		}
		return cases;
	}

	/** Hostile but valid texts: each atom, all of them at once, and random mixes. */
	static List<String> texts(Random random, int mixes) {
		List<String> texts = new ArrayList<>(HOSTILE_TEXT.stream().map((atom) -> atom + " x").toList());
		texts.add(String.join("", HOSTILE_TEXT));
		for (int i = 0; i < mixes; i++) {
			texts.add(hostileText(random, 1 + random.nextInt(12)));
		}
		return texts;
	}

	/** One request; {@code expected} is empty when any status below 500 will do. */
	record Case(String name, String method, String path, Map<String, String> headers, String body, byte[] raw,
			Set<Integer> expected) {

		/**
		 * Whether HAProxy or Nginx may answer it themselves, with their own HTML page: a
		 * request they cannot parse (malformed on the wire, or a path with a NUL or a
		 * broken escape: Nginx's 400 page), a TRACE (Nginx's 405 page: it refuses the
		 * method before any location), or one whose path, decoded and normalized as Nginx
		 * does, leaves /api/ for the static site (its 404 page).
		 */
		boolean mayBeAnsweredByTheEdge() {
			if (this.raw != null || "TRACE".equals(this.method)) {
				return true;
			}
			String path = this.path.split("\\?", 2)[0];
			return path.contains("%00") || path.matches(".*%(?![0-9a-fA-F]{2}).*")
					|| !normalized(path).startsWith("/api/");
		}

		/**
		 * The path as Nginx matches it: escapes decoded, "//" merged, "." and ".."
		 * segments resolved.
		 */
		private static String normalized(String path) {
			String decoded = URLDecoder.decode(path.replaceAll("%(?![0-9a-fA-F]{2})", "%25").replace("+", "%2B"),
					StandardCharsets.UTF_8);
			Deque<String> segments = new ArrayDeque<>();
			for (String segment : decoded.split("/+")) {
				if (segment.equals("..")) {
					segments.pollLast();
				}
				else if (!segment.isEmpty() && !segment.equals(".")) {
					segments.addLast(segment);
				}
			}
			return "/" + String.join("/", segments) + (decoded.endsWith("/") ? "/" : "");
		}

		Case expect(Integer... statuses) {
			return new Case(this.name, this.method, this.path, this.headers, this.body, this.raw, Set.of(statuses));
		}

		@Override
		public String toString() {
			String shown = (this.raw != null) ? new String(this.raw, StandardCharsets.ISO_8859_1)
					: this.method + " " + this.path + " " + this.headers + " " + this.body;
			return this.name + ": "
					+ ((shown.length() > 300) ? shown.substring(0, 300) + "...(" + shown.length() + ")" : shown);
		}

	}

	// --- One of each kind ---

	/** Bad JSON: cut, nested too deep, numbers out of range, not UTF-8. */
	private void badJson(List<Case> cases) {
		for (int cut = 0; cut < VALID.length(); cut += 3) {
			cases.add(post("truncated", VALID.substring(0, cut)).expect(400));
		}
		cases.add(post("deep objects", "{\"a\":".repeat(5000) + "1" + "}".repeat(5000)).expect(400));
		cases.add(post("deep arrays", "[".repeat(100_000)).expect(400));
		cases.add(post("deep title", "{\"title\":" + "[".repeat(2000) + "]".repeat(2000) + ",\"body\":\"b\"}")
			.expect(400));
		cases.add(post("huge integer", "{\"title\":" + "9".repeat(5000) + ",\"body\":\"b\"}").expect(400));
		cases.add(post("huge exponent", "{\"title\":1e999999999,\"body\":\"b\"}").expect(400));
		cases.add(post("NaN", "{\"title\":NaN,\"body\":\"b\"}").expect(400));
		cases.add(post("duplicate keys", "{\"title\":\"a\",\"title\":\"b\",\"body\":\"b\"}").expect(400));
		cases.add(post("BOM", "\uFEFF" + VALID));
		cases.add(post("NUL byte in JSON", "{\"title\":\"a\u0000b\",\"body\":\"b\"}").expect(400));
		cases.add(post("NUL after JSON", VALID + "\u0000"));
		cases.add(post("comment", "{/*x*/\"title\":\"t\",\"body\":\"b\"}").expect(400));
		cases.add(post("single quotes", "{'title':'t','body':'b'}").expect(400));
		cases.add(post("trailing garbage", VALID + "}}}"));
		cases.add(post("empty", "").expect(400));
		cases.add(post("null", "null").expect(400));
		cases.add(post("array", "[" + VALID + "]").expect(400));
		cases.add(rawPost("invalid UTF-8",
				"{\"title\":\"\u00C3(\u00FF\u00FE\",\"body\":\"b\"}".getBytes(StandardCharsets.ISO_8859_1))
			.expect(400));
		// Jackson decodes the overlong "/" leniently; stored as "/", never a 5xx.
		cases.add(rawPost("overlong UTF-8",
				"{\"title\":\"\u00C0\u00AF\",\"body\":\"b\"}".getBytes(StandardCharsets.ISO_8859_1)));
		cases.add(rawPost("UTF-8 encoded surrogate",
				"{\"title\":\"\u00ED\u00A0\u0080\",\"body\":\"b\"}".getBytes(StandardCharsets.ISO_8859_1))
			.expect(400));
	}

	/** Wrong types for the fields. */
	private void wrongTypes(List<Case> cases) {
		for (String value : List.of("5", "-1.5e3", "true", "false", "null", "[]", "[\"t\"]", "{}", "{\"a\":\"t\"}")) {
			cases.add(post("title " + value, "{\"title\":" + value + ",\"body\":\"b\"}").expect(400));
			cases.add(post("body " + value, "{\"title\":\"t\",\"body\":" + value + "}").expect(400));
		}
		cases.add(post("no fields", "{}").expect(400));
	}

	/** Values past the limits. */
	private void hugeValues(List<Case> cases) {
		cases.add(post("title of 10^4", article("t".repeat(10_000), "b")).expect(400));
		cases.add(post("body of 20001", article("t", "b".repeat(20_001))).expect(400));
		cases.add(post("body of 10^6", article("t", "b".repeat(1_000_000))).expect(413));
		cases.add(post("body of 300 KB", article("t", "b".repeat(300_000))).expect(413));
		cases.add(post("title of 201 emoji", article("\uD83D\uDE00".repeat(101), "b")).expect(400));
		cases.add(post("title of 200 combining marks", article("\u0301".repeat(200), "b")).expect(201));
	}

	/** Lone surrogates: not text, so not storable as it was sent. */
	private void loneSurrogates(List<Case> cases) {
		for (String lone : List.of("\\ud800", "\\udc00", "a\\ud800b", "\\udbff\\u0041", "\\ude00\\ud83d")) {
			cases.add(post("lone surrogate " + lone, "{\"title\":\"" + lone + "\",\"body\":\"b\"}").expect(400));
		}
	}

	/** Hostile text that is VALID. */
	private void validHostileText(List<Case> cases) {
		for (String text : HOSTILE_TEXT) {
			if (!text.isBlank() && !text.contains("\u0000")) {
				cases.add(post("hostile text", article("x" + text, text + "y")).expect(201));
			}
		}
	}

	/** Content-Type, If-Match, Accept and sizes of headers. */
	private void headers(List<Case> cases) {
		for (String type : List.of("text/plain", "application/xml", "text/html", "multipart/form-data; boundary=x",
				"application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/json; charset=\"",
				"application/json; charset=nonsense", "application/json;;;", "*/*", "application", "\u00e9/\u00e9",
				"application/json, text/plain", "application/json; charset=ISO-8859-1")) {
			cases.add(request("Content-Type " + type, "POST", "/api/articles", Map.of("Content-Type", type), VALID));
		}
		cases.add(request("no Content-Type", "POST", "/api/articles", Map.of(), VALID).expect(415));
		for (String ifMatch : List.of("", " ", "*", "W/\"0\"", "\"", "\"0", "0", "\"0\",", ",,,", "\"a\" \"b\"",
				"*, \"0\"", "\"" + "9".repeat(100) + "\"", "\"0\"".repeat(1000), "\"\u00e9\"", "\"0\"\t,\t\"1\"")) {
			cases.add(put("If-Match " + ifMatch, ifMatch, VALID));
			cases.add(request("DELETE If-Match " + ifMatch, "DELETE", "/api/articles/99999",
					Map.of("If-Match", ifMatch), null));
		}
		cases.add(put("no If-Match", null, VALID).expect(428));
		for (String accept : List.of("text/html", "image/png", "application/xml", "*/*;q=0", ";;;", "text/*",
				"application/problem+json")) {
			cases.add(request("Accept " + accept, "GET", "/api/articles/99999", Map.of("Accept", accept), null));
			cases.add(request("Accept " + accept, "GET", "/api/articles?page=-1", Map.of("Accept", accept), null));
			cases.add(request("Accept " + accept, "POST", "/api/articles",
					Map.of("Accept", accept, "Content-Type", "application/json"), "{oops"));
		}
		cases.add(request("huge header 7 KB", "GET", "/api/articles", Map.of("X-Fuzz", "a".repeat(7_000)), null));
		// Over HAProxy's buffer: it may answer 400 or drop the HTTP/2 connection.
		cases.add(request("huge header 20 KB", "GET", "/api/articles", Map.of("X-Fuzz", "a".repeat(20_000)), null)
			.expect(0, 400, 431));
		cases.add(request("huge If-Match", "PUT", Articles.path(this.articleId),
				Map.of("If-Match", "\"" + "0".repeat(7_000) + "\"", "Content-Type", "application/json"), VALID));
	}

	/** Every method on the collection and on an article. */
	private void methods(List<Case> cases) {
		for (String method : List.of("PATCH", "TRACE", "OPTIONS", "HEAD", "PROPFIND", "FOO", "DELETE", "PUT")) {
			cases.add(request(method + " collection", method, "/api/articles", JSON, VALID));
			cases.add(request(method + " article", method, Articles.path(this.articleId), JSON, VALID));
		}
		cases.add(request("POST article", "POST", Articles.path(this.articleId), JSON, VALID));
	}

	/** Paths: traversal, encodings, ids out of range, other endpoints. */
	private void paths(List<Case> cases) {
		for (String path : List.of("/api/articles/../../etc/passwd", "/api/articles/%2e%2e/%2e%2e/etc/passwd",
				"/api/articles/%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/api/articles/..%2f..%2fetc%2fpasswd",
				"/api//articles", "/api/articles//1", "/api/articles/1;jsessionid=abc", "/api/articles;x=1",
				"/api/articles/-1", "/api/articles/0", "/api/articles/99999999999999999999",
				"/api/articles/9223372036854775807", "/api/articles/9223372036854775808", "/api/articles/1e3",
				"/api/articles/0x10", "/api/articles/1.0", "/api/articles/+1", "/api/articles/%D9%A3",
				"/api/articles/%EF%BC%91", "/api/articles/%00", "/api/articles/1%00", "/api/articles/%",
				"/api/articles/%zz", "/api/articles/%ff", "/api/articles/%c0%af", "/api/articles/%2F",
				"/api/articles/%5C..%5C", "/api/articles/%0d%0aSet-Cookie:x=1", "/api/articles/" + "1".repeat(5_000),
				"/api/" + "a/".repeat(3_000), "/api/articles/%3Cscript%3E", "/api/articles/'%20OR%20'1'='1",
				"/api/ARTICLES", "/api/articles/", "/api/articles.json", "/api/articles/1.json", "/api/error", "/error",
				"/api/actuator/health", "/api/articles/1/..;/..;/actuator/env", "/api/%2e%2e/actuator/env")) {
			cases.add(request("path " + path, "GET", path, Map.of(), null));
		}
	}

	/** Query parameters out of range or malformed. */
	private void queries(List<Case> cases) {
		for (String query : List.of("page=-1", "size=0", "size=-5", "size=101", "size=1e9", "size=1000000000",
				"size=abc", "page=abc", "page=99999999999999999999", "page=2147483647", "page=1000000", "page=1000001",
				"page=1&page=2", "size=5&size=x", "page=", "size=", "page=%00", "page=1%00", "page=0x10", "page=%D9%A3",
				"page=1.5", "sort=id;DROP", "page[]=1", "page=1&" + "x=1&".repeat(1_500), "%=1", "page=%zz",
				"q=" + "a".repeat(6_000))) {
			cases.add(request("query " + query, "GET", "/api/articles?" + query, Map.of(), null));
		}
	}

	/** Malformed on the wire: what only a raw request can carry. */
	private void onTheWire(List<Case> cases) {
		cases.add(raw("unknown version", "GET /api/articles HTTP/9.9\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("no version", "GET /api/articles\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("tab in request line", "GET\t/api/articles HTTP/1.1\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("lower-case method", "get /api/articles HTTP/1.1\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("no Host", "GET /api/articles HTTP/1.1\r\nConnection: close\r\n\r\n", NONE));
		cases.add(raw("two Hosts", "GET /api/articles HTTP/1.1\r\nHost: a\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("space in path", "GET /api/articles/1 2 HTTP/1.1\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("raw unicode in path", "GET /api/articles/\u00d9\u00a3 HTTP/1.1\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("NUL in path", "GET /api/articles/1\u0000 HTTP/1.1\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("NUL in header", "GET /api/articles HTTP/1.1\r\n" + HOST + "X-Fuzz: a\u0000b\r\n\r\n", NONE));
		cases.add(raw("header without colon", "GET /api/articles HTTP/1.1\r\n" + HOST + "X-Fuzz\r\n\r\n", NONE));
		cases.add(raw("obs-fold", "GET /api/articles HTTP/1.1\r\n" + HOST + "X-Fuzz: a\r\n b\r\n\r\n", NONE));
		cases.add(raw("bare LF", "GET /api/articles HTTP/1.1\n" + HOST.replace("\r\n", "\n") + "\n", NONE));
		cases.add(raw("HTTP/1.0", "GET /api/articles HTTP/1.0\r\nHost: www.foobar.com\r\n\r\n", NONE));
		cases.add(raw("CONNECT", "CONNECT 127.0.0.1:22 HTTP/1.1\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("absolute URI", "GET http://evil.example/api/articles HTTP/1.1\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("request line of 20 KB",
				"GET /api/articles?" + "a".repeat(20_000) + " HTTP/1.1\r\n" + HOST + "\r\n", NONE));
		cases.add(raw("negative Content-Length", "POST /api/articles HTTP/1.1\r\n" + HOST
				+ "Content-Type: application/json\r\nContent-Length: -1\r\n\r\n", VALID.getBytes()));
		cases.add(raw("two Content-Lengths",
				"POST /api/articles HTTP/1.1\r\n" + HOST
						+ "Content-Type: application/json\r\nContent-Length: 5\r\nContent-Length: 25\r\n\r\n",
				VALID.getBytes()));
		cases.add(raw("Content-Length and chunked",
				"POST /api/articles HTTP/1.1\r\n" + HOST
						+ "Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
				chunked(VALID)));
		cases.add(raw("bad chunk size",
				"POST /api/articles HTTP/1.1\r\n" + HOST
						+ "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
				"zz\r\nabc\r\n0\r\n\r\n".getBytes()));
		cases.add(raw("chunked over 256 KB",
				"POST /api/articles HTTP/1.1\r\n" + HOST
						+ "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
				chunked(article("t", "b".repeat(400_000)))));
		cases.add(raw("unknown Transfer-Encoding",
				"POST /api/articles HTTP/1.1\r\n" + HOST
						+ "Content-Type: application/json\r\nTransfer-Encoding: gzip, identity\r\n\r\n",
				VALID.getBytes()));
	}

	private static byte[] chunked(String body) {
		StringBuilder chunks = new StringBuilder();
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		for (int at = 0; at < bytes.length; at += 8192) {
			int n = Math.min(8192, bytes.length - at);
			chunks.append(Integer.toHexString(n))
				.append("\r\n")
				.append(new String(bytes, at, n, StandardCharsets.ISO_8859_1))
				.append("\r\n");
		}
		return chunks.append("0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	// --- Random variations ---

	/** Valid JSON cut or damaged at a random place. */
	private Case damagedJson(Random r) {
		String body = article(hostileText(r, 3), hostileText(r, 5));
		int at = r.nextInt(body.length() + 1);
		return switch (r.nextInt(4)) {
			case 0 -> post("random cut", body.substring(0, at));
			case 1 -> post("random byte", body.substring(0, at) + (char) r.nextInt(128) + body.substring(at));
			case 2 -> post("random deletion", body.substring(0, at) + body.substring(Math.min(body.length(), at + 1)));
			default -> post("random nesting", "[".repeat(r.nextInt(3000)) + body + "]".repeat(r.nextInt(3000)));
		};
	}

	/** Random bytes, not necessarily UTF-8. */
	private Case randomBytes(Random r) {
		byte[] bytes = new byte[1 + r.nextInt(200)];
		r.nextBytes(bytes);
		String prefix = "{\"title\":\"";
		byte[] body = RawHttp.request(prefix,
				RawHttp.request(new String(bytes, StandardCharsets.ISO_8859_1), "\",\"body\":\"b\"}".getBytes()));
		return rawPost("random bytes", body);
	}

	/** Wrong types, random shapes. */
	private Case randomTypes(Random r) {
		String[] values = { "1", "0", "-0", "1.0e308", "1e-400", "true", "null", "[]", "{}", "[1,2]", "{\"$gt\":\"\"}",
				"\"t\"", "[\"t\",\"u\"]", "18446744073709551616" };
		String title = values[r.nextInt(values.length)];
		String body = values[r.nextInt(values.length)];
		Case c = post("types", "{\"title\":" + title + ",\"body\":" + body + "}");
		return (title.startsWith("\"") && body.startsWith("\"")) ? c.expect(201) : c.expect(400);
	}

	/** Hostile text of random length, sometimes past the limits. */
	private Case randomText(Random r) {
		String title = hostileText(r, 1 + r.nextInt(6));
		String body = hostileText(r, 1 + r.nextInt(40));
		if (r.nextInt(10) == 0) {
			body = body.repeat(1 + 30_000 / body.length());
		}
		boolean valid = !title.isBlank() && title.length() <= 200 && body.length() <= 20_000
				&& !(title + body).contains("\u0000");
		Case c = post("text", article(title, body));
		return valid ? c.expect(201) : c;
	}

	/** Lone and mismatched surrogates as JSON escapes. */
	private Case randomSurrogates(Random r) {
		String[] escapes = { "\\ud800", "\\udbff", "\\udc00", "\\udfff" };
		String escape = escapes[r.nextInt(escapes.length)];
		return post("lone surrogate", "{\"title\":\"x" + escape + "y\",\"body\":\"" + escape + "\"}").expect(400);
	}

	/** Headers. */
	private Case randomHeaders(Random r) {
		String[] types = { "application/json", "application/json; charset=utf-8", "APPLICATION/JSON",
				"application/json; charset=latin1", "text/json", "application/javascript", "application/*",
				"application/json; boundary=--", "application/merge-patch+json", "application/problem+json" };
		String[] accepts = { "application/json", "text/html", "image/png", "*/*", "text/event-stream", "",
				"application/json;q=0", "application/xml, text/html" };
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Content-Type", types[r.nextInt(types.length)]);
		String accept = accepts[r.nextInt(accepts.length)];
		if (!accept.isEmpty()) {
			headers.put("Accept", accept);
		}
		if (r.nextBoolean()) {
			headers.put("X-Fuzz-" + r.nextInt(100), "v".repeat(r.nextInt(4000)));
		}
		String[] paths = { "/api/articles", Articles.path(this.articleId), "/api/articles/" + r.nextInt(1000) };
		String[] methods = { "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS" };
		String method = methods[r.nextInt(methods.length)];
		if (method.equals("PUT") || method.equals("DELETE")) {
			headers.put("If-Match", ifMatch(r));
		}
		return request("headers", method, paths[r.nextInt(paths.length)], headers,
				article(hostileText(r, 2), hostileText(r, 3)));
	}

	/** Paths and ids. */
	private Case randomPath(Random r) {
		String[] ids = { "-1", "0", "1", "99999999999999999999", "1e3", "%D9%A3", "%00", "..", "%2e%2e", ";x=1", "%25",
				"%2F", "a", "\u0661", "%E2%80%AE1", String.valueOf(r.nextLong()), "0".repeat(r.nextInt(300)) + "1" };
		String id = ids[r.nextInt(ids.length)];
		if (id.equals("\u0661")) {
			id = "%D9%A1";
		}
		String path = "/api/articles/" + id + ((r.nextInt(4) == 0) ? "/" + ids[r.nextInt(5)] : "");
		String[] methods = { "GET", "PUT", "DELETE", "HEAD" };
		String method = methods[r.nextInt(methods.length)];
		Map<String, String> headers = method.equals("PUT")
				? Map.of("Content-Type", "application/json", "If-Match", ifMatch(r)) : Map.of();
		return request("path", method, path, headers, method.equals("PUT") ? article("t", "b") : null);
	}

	/** Query parameters. */
	private Case randomQuery(Random r) {
		String[] values = { "-1", "0", "1", "100", "101", "1e9", "abc", "", "99999999999999999999", "2147483647",
				"-2147483648", "%00", "1,2", "%20", String.valueOf(r.nextInt()) };
		StringBuilder query = new StringBuilder();
		int n = 1 + r.nextInt(4);
		for (int i = 0; i < n; i++) {
			query.append((i > 0) ? "&" : "")
				.append(r.nextBoolean() ? "page" : "size")
				.append('=')
				.append(values[r.nextInt(values.length)]);
		}
		return request("query", "GET", "/api/articles?" + query, Map.of(), null);
	}

	private static String ifMatch(Random r) {
		String[] values = { "*", "\"0\"", "\"1\"", "W/\"0\"", "", "0", "\"", "\"0\", \"1\"", "\"" + r.nextLong() + "\"",
				"\"a\"b", ",", "\"x\"".repeat(r.nextInt(50)) };
		return values[r.nextInt(values.length)];
	}

	static String hostileText(Random r, int atoms) {
		StringBuilder text = new StringBuilder("x");
		for (int i = 0; i < atoms; i++) {
			String atom = HOSTILE_TEXT.get(r.nextInt(HOSTILE_TEXT.size()));
			text.append(atom.equals("\u0000") ? "%00" : atom);
		}
		return text.toString();
	}

	// --- Building requests ---

	private static final Map<String, String> JSON = Map.of(Headers.CONTENT_TYPE, Headers.JSON);

	private Case post(String name, String body) {
		return new Case(name, "POST", "/api/articles", JSON, body, null, Set.of());
	}

	private Case put(String name, String ifMatch, String body) {
		Map<String, String> headers = new LinkedHashMap<>(JSON);
		if (ifMatch != null) {
			headers.put(Headers.IF_MATCH, ifMatch);
		}
		return new Case(name, "PUT", Articles.path(this.articleId), headers, body, null, Set.of());
	}

	private static Case request(String name, String method, String path, Map<String, String> headers, String body) {
		return new Case(name, method, path, headers, body, null, Set.of());
	}

	private Case raw(String name, String head, byte[] body) {
		return new Case(name, null, null, Map.of(), null, RawHttp.request(head, body), Set.of());
	}

	private Case rawPost(String name, byte[] body) {
		return raw(name, "POST /api/articles HTTP/1.1\r\nHost: www.foobar.com\r\nContent-Type: application/json\r\n"
				+ "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n", body);
	}

	private static String article(String title, String body) {
		return Articles.article(title, body);
	}

}
