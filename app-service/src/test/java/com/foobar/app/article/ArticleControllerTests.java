package com.foobar.app.article;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = ArticleController.class, properties = "foobar.web.instance=app-slice")
class ArticleControllerTests {

	private static final ArticleView ARTICLE = new ArticleView(7, "Title", "Body", 3,
			Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ArticleService service;

	@Test
	void readsAnswerTheArticleWithItsVersionAsETag() throws Exception {
		given(this.service.get(7)).willReturn(ARTICLE);
		this.mvc.perform(get("/api/articles/7"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-App-Instance", "app-slice"))
			.andExpect(header().string("ETag", "\"3\""))
			.andExpect(jsonPath("$.title").value("Title"));
	}

	@Test
	void listsPages() throws Exception {
		given(this.service.list(2, 5)).willReturn(new ArticlePage(List.of(ARTICLE), 2, 5, 11, 3));
		this.mvc.perform(get("/api/articles?page=2&size=5"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].id").value(7))
			.andExpect(jsonPath("$.totalPages").value(3));
	}

	@Test
	void createAnswers201WithLocationAndETag() throws Exception {
		given(this.service.create(any())).willReturn(ARTICLE);
		this.mvc
			.perform(post("/api/articles").contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"Title\",\"body\":\"Body\"}"))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", "/api/articles/7"))
			.andExpect(header().string("ETag", "\"3\""));
	}

	@Test
	void invalidFieldsAreListed() throws Exception {
		problem(this.mvc.perform(post("/api/articles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\":\"\",\"body\":null}")), 400)
			.andExpect(jsonPath("$.errors[?(@.field == 'title')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'body')]").exists());
		verifyNoInteractions(this.service);
	}

	@Test
	void malformedJsonIs400WithoutParserDetails() throws Exception {
		problem(this.mvc
			.perform(post("/api/articles").contentType(MediaType.APPLICATION_JSON).content("{\"title\": [1, 2}")), 400)
			.andExpect(jsonPath("$.detail")
				.value("The request body is missing or is not valid JSON of the expected shape"));
	}

	@Test
	void staleVersionIs412WithTheCurrentETag() throws Exception {
		given(this.service.update(eq(7L), any(), any())).willThrow(new StaleVersionException(7, "\"4\""));
		problem(this.mvc.perform(put("/api/articles/7").header("If-Match", "\"3\"")
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\":\"T\",\"body\":\"B\"}")), 412).andExpect(header().string("ETag", "\"4\""));
	}

	@Test
	void missingArticleIs404() throws Exception {
		given(this.service.get(8)).willThrow(new ArticleNotFoundException(8));
		problem(this.mvc.perform(get("/api/articles/8")), 404);
	}

	@Test
	void bodiesOverTheLimitAre413() throws Exception {
		problem(this.mvc.perform(post("/api/articles").contentType(MediaType.APPLICATION_JSON)
			.content("{\"title\":\"T\",\"body\":\"" + "x".repeat(300_000) + "\"}")), 413);
		verifyNoInteractions(this.service);
	}

	@Test
	void unexpectedFailuresAre500WithoutInternals() throws Exception {
		given(this.service.get(9)).willThrow(new IllegalStateException("secret internals"));
		problem(this.mvc.perform(get("/api/articles/9")), 500)
			.andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("secret"))));
	}

	private static ResultActions problem(ResultActions result, int status) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(header().string("X-App-Instance", "app-slice"));
	}

}
