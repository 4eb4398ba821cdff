package com.foobar.e2e;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One stack for the whole test run: started from scratch (no volumes) when the first
 * class asks for it, removed when the run ends (JUnit closes what the root context's
 * store holds). A cold start costs minutes on a small machine; the classes take turns on
 * the one stack instead, each undoing what it breaks, and those that stop services or
 * restart the stack run last (junit-platform.properties orders the classes).
 */
final class SharedStack implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == Stack.class;
	}

	@Override
	public Stack resolveParameter(ParameterContext parameter, ExtensionContext context) {
		Running running = context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Running.class, (key) -> Running.start(), Running.class);
		if (running.failure() != null) {
			throw new IllegalStateException("The stack did not start", running.failure());
		}
		return running.stack();
	}

	/**
	 * The started stack, or why it did not start: a failed start is not tried again by
	 * every class. Closing it removes the stack with its volumes.
	 */
	private record Running(Stack stack, RuntimeException failure) implements AutoCloseable {

		static Running start() {
			Stack stack = new Stack();
			try {
				stack.down(true);
				Instant start = Instant.now();
				stack.up();
				System.out.printf("e2e: stack healthy after %d s (ports %d, %d)%n",
						Duration.between(start, Instant.now()).toSeconds(), stack.httpPort(), stack.httpsPort());
				return new Running(stack, null);
			}
			catch (RuntimeException ex) {
				return new Running(stack, ex);
			}
		}

		@Override
		public void close() {
			this.stack.down(true);
		}

	}

}
