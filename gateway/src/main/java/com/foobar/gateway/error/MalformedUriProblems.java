package com.foobar.gateway.error;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Requests that never reach Spring get a problem document (RFC 9457) like every other
 * error of the API, instead of Reactor Netty's empty responses: a URI that is not a valid
 * URI ({@code ?page=%zz}, a lone {@code %}: 400 from Spring's Netty adapter), a request
 * line or headers over the decoder's limits (414, 431), other undecodable requests (400).
 * It sits ahead of Reactor Netty's own handler, and closes the connection after its
 * answer.
 */
@Component
class MalformedUriProblems implements NettyServerCustomizer {

	static final Refusal INVALID_URI = new Refusal(HttpResponseStatus.BAD_REQUEST, "The request URI is not valid");

	@Override
	public HttpServer apply(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			ChannelPipeline pipeline = channel.pipeline();
			if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
				pipeline.addBefore(NettyPipeline.HttpTrafficHandler, "foobar.malformedUri", new Handler());
			}
		});
	}

	static boolean wellFormed(String uri) {
		try {
			new URI(uri);
			return true;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/** Why a request is refused, or null if it may go on. */
	static Refusal refusal(HttpRequest request) {
		if (request.decoderResult().isFailure()) {
			Throwable cause = request.decoderResult().cause();
			if (cause instanceof TooLongHttpLineException) {
				return new Refusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, "The request line is too long");
			}
			if (cause instanceof TooLongHttpHeaderException) {
				return new Refusal(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
						"The request headers are too large");
			}
			return new Refusal(HttpResponseStatus.BAD_REQUEST, "The request is malformed");
		}
		return wellFormed(request.uri()) ? null : INVALID_URI;
	}

	record Refusal(HttpResponseStatus status, String detail) {

		String problem() {
			return "{\"type\":\"about:blank\",\"title\":\"" + this.status.reasonPhrase() + "\",\"status\":"
					+ this.status.code() + ",\"detail\":\"" + this.detail + "\"}";
		}

		FullHttpResponse response() {
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, this.status,
					Unpooled.copiedBuffer(problem(), StandardCharsets.UTF_8));
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
				.setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			return response;
		}

	}

	private static final class Handler extends ChannelInboundHandlerAdapter {

		// After a refused request: its body, then the connection closes.
		private boolean discarding;

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			Refusal refusal = (msg instanceof HttpRequest request) ? refusal(request) : null;
			if (refusal != null) {
				this.discarding = true;
				ReferenceCountUtil.release(msg);
				ctx.writeAndFlush(refusal.response()).addListener(ChannelFutureListener.CLOSE);
				return;
			}
			if (this.discarding) {
				ReferenceCountUtil.release(msg);
				return;
			}
			ctx.fireChannelRead(msg);
		}

	}

}
