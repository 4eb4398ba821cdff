package com.foobar.app.error;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own error reports as problem details (RFC 9457) instead of HTML pages. Tomcat
 * answers some requests before Spring sees them: a URI it refuses ({@code %2F},
 * {@code %5C}, bytes that are not UTF-8, {@code [} in the query) or a request line or
 * header over its limits. Public because Tomcat names its error report valve by class.
 */
public class ProblemDetailsErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		// As the base class: only errors, only once, only if nothing was written yet.
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(ProblemJson.of(status));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response is in use: nothing more to say.
		}
	}

	/**
	 * Puts the valve in place of the one Spring Boot adds (and of the one Tomcat would
	 * add by default). Runs after Boot's own Tomcat customizer.
	 */
	@Component
	static class Installer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

		@Override
		public void customize(ConfigurableTomcatWebServerFactory factory) {
			factory.addContextCustomizers((context) -> install(context.getParent()));
		}

		static void install(Container host) {
			Pipeline pipeline = host.getPipeline();
			for (Valve valve : pipeline.getValves()) {
				if (valve instanceof ErrorReportValve) {
					pipeline.removeValve(valve);
				}
			}
			ProblemDetailsErrorReportValve valve = new ProblemDetailsErrorReportValve();
			valve.setShowReport(false);
			valve.setShowServerInfo(false);
			pipeline.addValve(valve);
			if (host instanceof StandardHost standardHost) {
				standardHost.setErrorReportValveClass(ProblemDetailsErrorReportValve.class.getName());
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
