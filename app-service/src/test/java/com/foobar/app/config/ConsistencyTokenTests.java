package com.foobar.app.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsistencyTokenTests {

	@Test
	void roundTripsMariaDbPositions() {
		ConsistencyToken token = new ConsistencyToken("0-1-42,1-2-7");
		assertThat(ConsistencyToken.decode(token.encode())).contains(token);
	}

	@Test
	void roundTripsMySqlGtidSets() {
		ConsistencyToken token = new ConsistencyToken(
				"3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77,\n4e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7-9");
		assertThat(ConsistencyToken.decode(token.encode())).contains(token);
	}

	@Test
	void ignoresWhatIsNotAGtidPosition() {
		for (String position : new String[] { "", "0-1", "0-1-42; DROP TABLE article", "' OR 1=1 --", "x:1-2" }) {
			assertThat(ConsistencyToken.decode(new ConsistencyToken(position).encode())).as(position).isEmpty();
		}
		assertThat(ConsistencyToken.decode("not base64 !!")).isEmpty();
		assertThat(ConsistencyToken.decode(null)).isEmpty();
		assertThat(ConsistencyToken.decode("A".repeat(5000))).isEmpty();
	}

}
