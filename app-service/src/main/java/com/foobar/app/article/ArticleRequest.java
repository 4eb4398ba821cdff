package com.foobar.app.article;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST} and {@code PUT /api/articles}. Both fields must be Unicode text,
 * which the database stores as sent. An unpaired surrogate is not: a JSON escape can name
 * one (U+D800 alone, say), but UTF-8 cannot encode it, so it would come back as
 * {@code ?}.
 */
record ArticleRequest(
		@NotBlank @Size(max = ArticleRequest.TITLE_MAX) @Pattern(regexp = ArticleRequest.TEXT,
				message = ArticleRequest.TEXT_MESSAGE) String title,
		@NotNull @Size(min = 1, max = ArticleRequest.BODY_MAX) @Pattern(regexp = ArticleRequest.TEXT,
				message = ArticleRequest.TEXT_MESSAGE) String body) {

	static final int TITLE_MAX = 200;

	static final int BODY_MAX = 20_000;

	// Java regular expressions match code points: a surrogate pair is one code point
	// above U+FFFF, only an unpaired surrogate falls in U+D800..U+DFFF.
	static final String TEXT = "[^\\x{D800}-\\x{DFFF}]*";

	static final String TEXT_MESSAGE = "must not contain unpaired surrogates";

}
