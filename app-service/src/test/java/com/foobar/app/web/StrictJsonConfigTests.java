package com.foobar.app.web;

import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StrictJsonConfigTests {

	private final JsonMapper mapper = strictMapper();

	@Test
	void textFieldsTakeStrings() {
		assertThat(this.mapper.readValue("{\"title\":\"5\"}", Titled.class)).isEqualTo(new Titled("5"));
	}

	@Test
	void numbersAndBooleansAreNotTurnedIntoText() {
		for (String value : new String[] { "5", "-1.5e3", "true", "false", "18446744073709551616" }) {
			assertThatExceptionOfType(MismatchedInputException.class).as(value)
				.isThrownBy(() -> this.mapper.readValue("{\"title\":" + value + "}", Titled.class));
		}
	}

	@Test
	void duplicateKeysAreRefused() {
		assertThatExceptionOfType(StreamReadException.class)
			.isThrownBy(() -> this.mapper.readValue("{\"title\":\"a\",\"title\":\"b\"}", Titled.class))
			.withMessageContaining("Duplicate");
	}

	private static JsonMapper strictMapper() {
		JsonMapper.Builder builder = JsonMapper.builder();
		new StrictJsonConfig().strictJsonInput().customize(builder);
		return builder.build();
	}

	record Titled(String title) {

	}

}
