package com.foobar.app.article;

import java.time.Instant;

/** An article as the API shows it. */
record ArticleView(long id, String title, String body, long version, Instant createdAt, Instant updatedAt) {

	static ArticleView of(Article article) {
		return new ArticleView(article.getId(), article.getTitle(), article.getBody(), article.getVersion(),
				article.getCreatedAt(), article.getUpdatedAt());
	}

	/** The strong entity tag of this version. */
	String etag() {
		return "\"" + this.version + "\"";
	}

}
