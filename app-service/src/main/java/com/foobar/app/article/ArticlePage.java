package com.foobar.app.article;

import java.util.List;

import org.springframework.data.domain.Page;

/** One page of articles, newest first. */
record ArticlePage(List<ArticleView> content, int page, int size, long totalElements, int totalPages) {

	static ArticlePage of(Page<Article> page) {
		return new ArticlePage(page.map(ArticleView::of).getContent(), page.getNumber(), page.getSize(),
				page.getTotalElements(), page.getTotalPages());
	}

}
