package com.foobar.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Requests that the JDK's HttpClient refuses to send (malformed request lines, invalid
 * header bytes, smuggling attempts, bodies that are not UTF-8): written byte for byte
 * over HTTP/1.1 to the load balancer's HTTPS port on 127.0.0.1, one connection each,
 * trusting the same local CA as {@link Www}.
 */
final class RawHttp {

	private static final int MAX_RESPONSE_BYTES = 1 << 20;

	private final int port;

	RawHttp(int httpsPort) {
		this.port = httpsPort;
	}

	/**
	 * A request of the usual shape: head lines, then the body (no Content-Length added).
	 */
	static byte[] request(String head, byte[] body) {
		byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
		byte[] request = new byte[start.length + body.length];
		System.arraycopy(start, 0, request, 0, start.length);
		System.arraycopy(body, 0, request, start.length, body.length);
		return request;
	}

	Socket connect() throws IOException {
		SSLSocket socket = (SSLSocket) Www.sslContext().getSocketFactory().createSocket();
		// Always the loopback address, named www.foobar.com for SNI and the host check.
		InetAddress loopback = InetAddress.getByAddress(Www.HOST, new byte[] { 127, 0, 0, 1 });
		socket.connect(new InetSocketAddress(loopback, this.port), 5000);
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setServerNames(List.of(new SNIHostName(Www.HOST)));
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		socket.setSoTimeout(20_000);
		socket.startHandshake();
		return socket;
	}

	/**
	 * Sends the bytes and reads until the server closes the connection; {@code status} is
	 * 0 when the server closed without answering.
	 */
	Response exchange(byte[] request) throws IOException {
		try (Socket socket = connect()) {
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before it has read everything.
			}
			return Response.parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		byte[] chunk = new byte[8192];
		try {
			int n;
			while ((n = in.read(chunk)) >= 0 && buffer.size() < MAX_RESPONSE_BYTES) {
				buffer.write(chunk, 0, n);
			}
		}
		catch (IOException ex) {
			// Whatever arrived before the reset or the timeout is the answer.
		}
		return buffer.toByteArray();
	}

	record Response(int status, Map<String, List<String>> headers, String body) {

		static Response parse(byte[] bytes) {
			String text = new String(bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			if (!text.startsWith("HTTP/") || end < 0) {
				return new Response(0, Map.of(), text);
			}
			String[] lines = text.substring(0, end).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers
						.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
								(name) -> new ArrayList<>())
						.add(lines[i].substring(colon + 1).strip());
				}
			}
			byte[] body = text.substring(end + 4).getBytes(StandardCharsets.ISO_8859_1);
			if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
				body = dechunk(body);
			}
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
		}

		private static byte[] dechunk(byte[] body) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			String text = new String(body, StandardCharsets.ISO_8859_1);
			int at = 0;
			while (at < text.length()) {
				int eol = text.indexOf("\r\n", at);
				if (eol < 0) {
					break;
				}
				int size = Integer.parseInt(text.substring(at, eol).split(";")[0].strip(), 16);
				if (size == 0) {
					break;
				}
				int from = eol + 2;
				int to = Math.min(text.length(), from + size);
				out.writeBytes(text.substring(from, to).getBytes(StandardCharsets.ISO_8859_1));
				at = to + 2;
			}
			return out.toByteArray();
		}

	}

}
