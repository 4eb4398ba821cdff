package com.foobar.app.article;

import com.foobar.app.config.DataSourceRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

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

	private final MeterRegistry meterRegistry;

	ArticleService(ArticleRepository articles, MeterRegistry meterRegistry) {
		this.articles = articles;
		this.meterRegistry = meterRegistry;
	}

	@Transactional(readOnly = true)
	public Served<ArticlePage> list(int page, int size) {
		ArticlePage result = ArticlePage.of(this.articles.findAll(PageRequest.of(page, size, NEWEST_FIRST)));
		return served(result);
	}

	@Transactional(readOnly = true)
	public Served<ArticleView> get(long id) {
		ArticleView result = this.articles.findById(id).map(ArticleView::of).orElse(null);
		Served<ArticleView> served = served(result);
		if (result == null) {
			throw new ArticleNotFoundException(id);
		}
		return served;
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

	private <T> Served<T> served(T value) {
		DataSourceRole source = DataSourceRole.ofCurrentTransaction();
		Counter.builder("foobar.reads")
			.description("Read transactions by the database that served them")
			.tag("source", source.label())
			.register(this.meterRegistry)
			.increment();
		return new Served<>(value, source);
	}

}
