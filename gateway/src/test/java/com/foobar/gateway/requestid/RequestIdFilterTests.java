package com.foobar.gateway.requestid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestIdFilterTests {

	@Test
	void acceptsPrintableIdsUpTo200Characters() {
		assertThat(RequestIdFilter.isSane("4f2a9c0e-1b7d-4c55-9a0e-7f3d2b1c8e6a")).isTrue();
		assertThat(RequestIdFilter.isSane("nginx 4f2a/9c=")).isTrue();
		assertThat(RequestIdFilter.isSane("x".repeat(200))).isTrue();
	}

	@Test
	void rejectsMissingBlankLongAndNonPrintableIds() {
		assertThat(RequestIdFilter.isSane(null)).isFalse();
		assertThat(RequestIdFilter.isSane("")).isFalse();
		assertThat(RequestIdFilter.isSane("   ")).isFalse();
		assertThat(RequestIdFilter.isSane("x".repeat(201))).isFalse();
		assertThat(RequestIdFilter.isSane("a\tb")).isFalse();
		assertThat(RequestIdFilter.isSane("a\u0000b")).isFalse();
		assertThat(RequestIdFilter.isSane("caf\u00e9")).isFalse();
	}

}
