package com.foobar.app.readwrite;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConsistencyTokenTests {

	@Test
	void roundTripsOneGtid() {
		ConsistencyToken token = new ConsistencyToken("3e11fa47-71ca-11e1-9e33-c80aa9429562:77");
		assertThat(ConsistencyToken.decode(token.encode())).contains(token);
		assertThat(token.readsFromPrimary()).isFalse();
	}

	@Test
	void roundTripsTheReadFromThePrimaryMarker() {
		assertThat(ConsistencyToken.decode(ConsistencyToken.PRIMARY.encode())).contains(ConsistencyToken.PRIMARY);
		assertThat(ConsistencyToken.PRIMARY.readsFromPrimary()).isTrue();
	}

	@Test
	void ignoresWhatIsNotOneGtid() {
		for (String value : new String[] { "", "0-1-42", "3e11fa47-71ca-11e1-9e33-c80aa9429562:1-77",
				"3e11fa47-71ca-11e1-9e33-c80aa9429562:0",
				"3e11fa47-71ca-11e1-9e33-c80aa9429562:5," + "4e11fa47-71ca-11e1-9e33-c80aa9429562:7",
				"3e11fa47-71ca-11e1-9e33-c80aa9429562:1; DROP TABLE article", "' OR 1=1 --", "x:1", "Primary" }) {
			assertThat(ConsistencyToken.decode(new ConsistencyToken(value).encode())).as(value).isEmpty();
		}
		assertThat(ConsistencyToken.decode("not base64 !!")).isEmpty();
		assertThat(ConsistencyToken.decode(null)).isEmpty();
		assertThat(ConsistencyToken.decode("A".repeat(5000))).isEmpty();
	}

}
