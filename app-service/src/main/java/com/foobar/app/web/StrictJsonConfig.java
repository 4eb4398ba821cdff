package com.foobar.app.web;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Request bodies are read strictly, so that what the API stores is what the client meant:
 * <ul>
 * <li>a text field takes only a JSON string: Jackson would otherwise turn {@code 5},
 * {@code 1.5} or {@code true} into {@code "5"}, {@code "1.5"}, {@code "true"} and store
 * it. A client that sends the wrong type has a bug, and a 400 shows it;</li>
 * <li>a key may appear only once: with {@code {"title":"a","title":"b"}} the last one
 * would silently win, while a filter or proxy in front may have checked the first.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class StrictJsonConfig {

	@Bean
	JsonMapperBuilderCustomizer strictJsonInput() {
		return (builder) -> builder.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.withCoercionConfig(LogicalType.Textual,
					(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

}
