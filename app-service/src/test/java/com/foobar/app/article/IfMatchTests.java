package com.foobar.app.article;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IfMatchTests {

	@Test
	void matchesAnyTagOfAList() {
		IfMatch ifMatch = IfMatch.parse(" \"3\", \"4\" ");
		assertThat(ifMatch.matches("\"4\"")).isTrue();
		assertThat(ifMatch.matches("\"5\"")).isFalse();
	}

	@Test
	void starMatchesEveryVersion() {
		assertThat(IfMatch.parse("*").matches("\"9\"")).isTrue();
	}

	@Test
	void weakTagsNeverMatch() {
		assertThat(IfMatch.parse("W/\"3\"").matches("\"3\"")).isFalse();
	}

	@Test
	void rejectsWhatIsNotAnEntityTag() {
		for (String bad : new String[] { "", "3", "\"3", "\"3\" junk", "**" }) {
			assertThatExceptionOfType(IfMatch.Malformed.class).as(bad).isThrownBy(() -> IfMatch.parse(bad));
		}
	}

}
