package com.foobar.app.readwrite;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

/**
 * A read-only transaction that failed because its replica connection broke (the replica
 * died a moment ago and the monitor has not seen it yet) runs once more, on the primary,
 * inside the same request: the client sees no error. Wraps every
 * {@code @Transactional(readOnly = true)} method from outside the transaction, so the
 * retry is a new transaction with a new connection. Spring's {@link RetryTemplate} does
 * the retrying; this class only says when (a connection-class failure of a read the
 * replica served) and where (the primary, through {@link ReadRouter#avoidReplica}).
 * Counted in {@code foobar.reads.retried}.
 */
final class ReplicaRetry implements MethodInterceptor {

	private final Supplier<DatabaseMonitor> monitor;

	private final Supplier<MeterRegistry> meters;

	private final RetryTemplate retry;

	ReplicaRetry(Supplier<DatabaseMonitor> monitor, Supplier<MeterRegistry> meters) {
		this.monitor = SingletonSupplier.of(monitor);
		this.meters = SingletonSupplier.of(meters);
		this.retry = new RetryTemplate(RetryPolicy.builder()
			.maxRetries(1)
			.delay(Duration.ZERO)
			.predicate((failure) -> ReadRouter.lastServedFromReplica() && isConnectionFailure(failure))
			.build());
		this.retry.setRetryListener(new RetryListener() {

			@Override
			public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
				ReplicaRetry.this.monitor.get().replicaFailed(state.getLastException());
				ReplicaRetry.this.meters.get().counter("foobar.reads.retried").increment();
				ReadRouter.avoidReplica(true);
			}

		});
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		if (ReadRouter.avoidingReplica()) {
			// Nested in a read that is already being retried.
			return invocation.proceed();
		}
		try {
			return this.retry.execute(() -> {
				ReadRouter.forgetLastServed();
				return invocation.proceed();
			});
		}
		catch (RetryException ex) {
			throw ex.getCause();
		}
		finally {
			ReadRouter.avoidReplica(false);
			ReadRouter.forgetLastServed();
		}
	}

	// A failed rollback on the broken connection replaces the application's exception.
	private static boolean isConnectionFailure(Throwable failure) {
		if (failure instanceof TransactionSystemException tx && tx.getApplicationException() != null
				&& ConnectionFailures.isConnectionFailure(tx.getApplicationException())) {
			return true;
		}
		return ConnectionFailures.isConnectionFailure(failure);
	}

	/** Methods that run in a read-only transaction of their own declaration. */
	static final class ReadOnlyTransactions extends StaticMethodMatcherPointcut {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			Method specific = AopUtils.getMostSpecificMethod(method, targetClass);
			Transactional transactional = AnnotatedElementUtils.findMergedAnnotation(specific, Transactional.class);
			if (transactional == null) {
				transactional = AnnotatedElementUtils.findMergedAnnotation(targetClass, Transactional.class);
			}
			return transactional != null && transactional.readOnly();
		}

	}

}
