package com.foobar.app.article;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST} and {@code PUT /api/articles}. */
record ArticleRequest(@NotBlank @Size(max = ArticleRequest.TITLE_MAX) String title,
		@NotNull @Size(min = 1, max = ArticleRequest.BODY_MAX) String body) {

	static final int TITLE_MAX = 200;

	static final int BODY_MAX = 20_000;

}
