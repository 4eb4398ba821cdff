package com.foobar.app.article;

class ArticleNotFoundException extends RuntimeException {

	ArticleNotFoundException(long id) {
		super("Article " + id + " does not exist");
	}

}
