package dev.memoryaudit.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration reference and the configuration metadata the build generates agree: every {@code memory.audit.*}
 * property (and {@code management.health.memory.enabled}) an IDE offers is documented in docs/configuration.md, and
 * every property documented there exists. Fails when a property is added, renamed or removed on one side only.
 */
class ConfigurationDocsTests {

	private static final Pattern DOCUMENTED = Pattern.compile("(?m)^\\| `((?:memory\\.audit|management\\.health\\.memory)"
			+ "\\.[a-z0-9.\\-]+)` \\|");

	@Test
	void docsAndMetadataListTheSameProperties() throws IOException {
		Set<String> metadata = new TreeSet<>();
		JsonMapper json = JsonMapper.builder().build();
		for (String file : new String[] { "META-INF/spring-configuration-metadata.json",
				"META-INF/additional-spring-configuration-metadata.json" }) {
			try (InputStream in = getClass().getClassLoader().getResourceAsStream(file)) {
				assertThat(in).as(file).isNotNull();
				for (JsonNode property : json.readTree(in).path("properties")) {
					String name = property.path("name").asString();
					if (name.startsWith("memory.audit.") || name.startsWith("management.health.memory.")) {
						metadata.add(name);
					}
				}
			}
		}
		Path docs = Path.of("..", "docs", "configuration.md");
		Set<String> documented = new TreeSet<>();
		Matcher matcher = DOCUMENTED.matcher(Files.readString(docs));
		while (matcher.find()) {
			documented.add(matcher.group(1));
		}
		assertThat(metadata).as("properties in the generated metadata").hasSizeGreaterThan(50)
			.contains("management.health.memory.enabled");
		assertThat(documented).as("properties documented in " + docs + " but not in the metadata")
			.isSubsetOf(metadata);
		assertThat(metadata).as("properties in the metadata but not documented in " + docs).isSubsetOf(documented);
	}

}
