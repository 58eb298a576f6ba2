package dev.memoryaudit.autoconfigure;

import dev.memoryaudit.snapshot.Snapshot;
import dev.memoryaudit.store.SnapshotCodec;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes snapshots as one line of JSON with Jackson; unknown properties are ignored so that a newer writer's lines
 * still restore.
 */
public final class JacksonSnapshotCodec implements SnapshotCodec {

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	@Override
	public String encode(Snapshot snapshot) {
		return this.mapper.writeValueAsString(snapshot);
	}

	@Override
	public Snapshot decode(String line) {
		return this.mapper.readValue(line, Snapshot.class);
	}

}
