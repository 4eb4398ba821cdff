package com.foobar.app.article;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The articles API of the public contract. Which database served a read
 * ({@code X-Read-Source}) and the consistency token of a write are added by the
 * read/write split, not here.
 */
@RestController
@RequestMapping(path = "/api/articles", produces = "application/json")
class ArticleController {

	static final int MAX_PAGE_SIZE = 100;

	private final ArticleService service;

	ArticleController(ArticleService service) {
		this.service = service;
	}

	@GetMapping
	ResponseEntity<ArticlePage> list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(MAX_PAGE_SIZE) int size) {
		return ResponseEntity.ok(this.service.list(page, size));
	}

	@GetMapping("/{id}")
	ResponseEntity<ArticleView> get(@PathVariable long id) {
		ArticleView article = this.service.get(id);
		return ResponseEntity.ok().eTag(article.etag()).body(article);
	}

	@PostMapping(consumes = "application/json")
	ResponseEntity<ArticleView> create(@Valid @RequestBody ArticleRequest request) {
		ArticleView created = this.service.create(request);
		// A path, not an absolute URI: this service sits behind proxies and does not know
		// the public host.
		URI location = URI.create("/api/articles/" + created.id());
		return ResponseEntity.created(location).eTag(created.etag()).body(created);
	}

	@PutMapping(path = "/{id}", consumes = "application/json")
	ResponseEntity<ArticleView> update(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
			@Valid @RequestBody ArticleRequest request) {
		if (ifMatch == null) {
			throw new PreconditionRequiredException();
		}
		ArticleView updated = this.service.update(id, IfMatch.parse(ifMatch), request);
		return ResponseEntity.ok().eTag(updated.etag()).body(updated);
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable long id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
		this.service.delete(id, (ifMatch != null) ? IfMatch.parse(ifMatch) : null);
		return ResponseEntity.noContent().build();
	}

}
