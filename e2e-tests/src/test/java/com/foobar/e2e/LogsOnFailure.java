package com.foobar.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Prints the services' recent logs when an end-to-end test fails, while the stack is
 * still up.
 */
class LogsOnFailure implements TestWatcher {

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		context.getTestInstance()
			.filter(StackTests.class::isInstance)
			.map(StackTests.class::cast)
			.filter((tests) -> tests.stack() != null)
			.ifPresent((tests) -> System.out.println(tests.stack().compose(60, "logs", "--no-color", "--tail", "80")));
	}

}
