package com.foobar.app.article;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

@Entity
@Table(name = "article")
class Article {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false, length = 200)
	private String title;

	@Column(nullable = false, columnDefinition = "mediumtext")
	private String body;

	@Version
	private long version;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Article() {
	}

	Article(String title, String body) {
		this.title = title;
		this.body = body;
		this.createdAt = now();
		this.updatedAt = this.createdAt;
	}

	void edit(String title, String body) {
		this.title = title;
		this.body = body;
		this.updatedAt = now();
	}

	// The columns keep microseconds; truncating here makes what a write returns equal
	// what a read returns.
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

	Long getId() {
		return this.id;
	}

	String getTitle() {
		return this.title;
	}

	String getBody() {
		return this.body;
	}

	long getVersion() {
		return this.version;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

	Instant getUpdatedAt() {
		return this.updatedAt;
	}

}
