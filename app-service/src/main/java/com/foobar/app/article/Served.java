package com.foobar.app.article;

import com.foobar.app.config.DataSourceRole;

/** The result of a read together with the database that served it. */
record Served<T>(T value, DataSourceRole source) {

}
