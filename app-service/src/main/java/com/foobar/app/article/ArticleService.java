package com.foobar.app.article;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Owns the transactions of the articles API. Reads are read-only transactions, which the
 * routing DataSource sends to the replica; writes go to the primary.
 */
@Service
class ArticleService {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

	private final ArticleRepository articles;

	ArticleService(ArticleRepository articles) {
		this.articles = articles;
	}

	@Transactional(readOnly = true)
	public ArticlePage list(int page, int size) {
		return ArticlePage.of(this.articles.findAll(PageRequest.of(page, size, NEWEST_FIRST)));
	}

	@Transactional(readOnly = true)
	public ArticleView get(long id) {
		return this.articles.findById(id).map(ArticleView::of).orElseThrow(() -> new ArticleNotFoundException(id));
	}

	@Transactional
	public ArticleView create(ArticleRequest request) {
		return ArticleView.of(this.articles.saveAndFlush(new Article(request.title(), request.body())));
	}

	@Transactional
	public ArticleView update(long id, IfMatch ifMatch, ArticleRequest request) {
		Article article = current(id, ifMatch);
		article.edit(request.title(), request.body());
		return ArticleView.of(this.articles.saveAndFlush(article));
	}

	@Transactional
	public void delete(long id, IfMatch ifMatch) {
		this.articles.delete(current(id, ifMatch));
		this.articles.flush();
	}

	private Article current(long id, IfMatch ifMatch) {
		Article article = this.articles.findById(id).orElseThrow(() -> new ArticleNotFoundException(id));
		String etag = ArticleView.of(article).etag();
		if (ifMatch != null && !ifMatch.matches(etag)) {
			throw new StaleVersionException(id, etag);
		}
		return article;
	}

}
