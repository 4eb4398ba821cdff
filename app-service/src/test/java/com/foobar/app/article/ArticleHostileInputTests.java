package com.foobar.app.article;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Defects the end-to-end fuzz test (HostileInputIntegrationTests) found, kept fixed. */
@WebMvcTest(controllers = ArticleController.class, properties = "foobar.web.instance=app-slice")
class ArticleHostileInputTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ArticleService service;

	@Test
	void unpairedSurrogatesAreRefusedBecauseTheyCannotBeStoredAsSent() throws Exception {
		for (String text : new String[] { "\\ud800", "a\\udc00b", "\\ude00\\ud83d" }) {
			problem(post("{\"title\":\"" + text + "\",\"body\":\"" + text + "\"}"), 400)
				.andExpect(jsonPath("$.errors[?(@.field == 'title')].message")
					.value("must not contain unpaired surrogates"))
				.andExpect(jsonPath("$.errors[?(@.field == 'body')]").exists());
		}
		verifyNoInteractions(this.service);
	}

	@Test
	void astralPlaneCharactersAndCombiningMarksAreText() throws Exception {
		String title = "\ud83d\ude00 e\u0301";
		String body = "\u202Eevil\u200B";
		ArgumentCaptor<ArticleRequest> sent = ArgumentCaptor.forClass(ArticleRequest.class);
		given(this.service.create(sent.capture()))
			.willAnswer((invocation) -> new ArticleView(1, title, body, 0, Instant.EPOCH, Instant.EPOCH));
		post("{\"title\":\"\\ud83d\\ude00 e\u0301\",\"body\":\"\\u202Eevil\u200B\"}").andExpect(status().isCreated())
			.andExpect(jsonPath("$.title").value(title))
			.andExpect(jsonPath("$.body").value(body));
		assertThat(sent.getValue().title()).isEqualTo(title);
		assertThat(sent.getValue().body()).isEqualTo(body);
	}

	@Test
	void clientsThatAcceptOnlyHtmlOrImagesGet406AsAProblemDocument() throws Exception {
		for (MediaType accept : new MediaType[] { MediaType.TEXT_HTML, MediaType.IMAGE_PNG }) {
			problem(this.mvc.perform(get("/api/articles?page=-1").accept(accept)), 406);
			problem(this.mvc.perform(get("/api/articles/abc").accept(accept)), 406);
		}
		verifyNoInteractions(this.service);
	}

	@Test
	void pagesAndIdsOutOfRangeAre400() throws Exception {
		for (String query : new String[] { "page=-1", "page=1000001", "page=99999999999999999999", "size=0", "size=101",
				"size=1e9", "size=abc" }) {
			problem(this.mvc.perform(get("/api/articles?" + query)), 400);
		}
		problem(this.mvc.perform(get("/api/articles/99999999999999999999")), 400);
		verifyNoInteractions(this.service);
	}

	@Test
	void repeatedOrMistypedParametersAreNamedWithoutEchoingTheValue() throws Exception {
		problem(this.mvc.perform(get("/api/articles?page=abc&page=1")), 400)
			.andExpect(jsonPath("$.detail").value("The value of 'page' is not valid"));
		problem(this.mvc.perform(get("/api/articles/<script>")), 400)
			.andExpect(jsonPath("$.detail").value("The value of 'id' is not valid"));
	}

	@Test
	void anUnreadableAcceptHeaderStillGetsAProblemDocument() throws Exception {
		problem(this.mvc.perform(get("/api/articles/1").header("Accept", ";;;")), 406);
		problem(this.mvc.perform(get("/api/articles?page=-1").header("Accept", "text/html;q=x")), 406);
	}

	@Test
	void malformedIfMatchIs400() throws Exception {
		for (String ifMatch : new String[] { "", " ", "\"", "\"0", "0", ",", "\"a\"b", "*, \"0\"" }) {
			problem(this.mvc.perform(put("/api/articles/1").header("If-Match", ifMatch)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"title\":\"t\",\"body\":\"b\"}")), 400);
			problem(this.mvc.perform(delete("/api/articles/1").header("If-Match", ifMatch)), 400);
		}
		verifyNoInteractions(this.service);
	}

	private ResultActions post(String json) throws Exception {
		return this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/articles")
				.contentType(MediaType.APPLICATION_JSON)
				.content(json));
	}

	private static ResultActions problem(ResultActions result, int status) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
	}

}
