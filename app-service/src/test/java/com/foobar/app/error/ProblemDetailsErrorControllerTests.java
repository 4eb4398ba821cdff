package com.foobar.app.error;

import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = ProblemDetailsErrorController.class, properties = "foobar.web.instance=app-slice")
class ProblemDetailsErrorControllerTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void containerErrorsAreProblemDocumentsWhateverTheClientAccepts() throws Exception {
		for (MediaType accept : new MediaType[] { MediaType.TEXT_HTML, MediaType.IMAGE_PNG, MediaType.ALL,
				MediaType.APPLICATION_JSON }) {
			this.mvc
				.perform(get("/error").accept(accept)
					.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 400)
					.requestAttr(RequestDispatcher.ERROR_MESSAGE, "Invalid URI: secret detail")
					.requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalArgumentException("secret")))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(400))
				.andExpect(content().string(not(containsString("secret"))))
				.andExpect(content().string(not(containsString("Exception"))));
		}
	}

	@Test
	void serverErrorsSayNoMore() throws Exception {
		this.mvc
			.perform(get("/error").accept(MediaType.TEXT_HTML)
				.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
				.requestAttr(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("secret")))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("Internal error"));
	}

	@Test
	void theErrorPathItselfIsNotAResource() throws Exception {
		this.mvc.perform(get("/error"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
