package dev.memoryaudit.store;

import dev.memoryaudit.snapshot.Snapshot;

/**
 * Turns a snapshot into one line of JSON and back.
 */
public interface SnapshotCodec {

	/**
	 * Encodes a snapshot.
	 * @param snapshot the snapshot
	 * @return one line of JSON without line breaks
	 */
	String encode(Snapshot snapshot);

	/**
	 * Decodes a line.
	 * @param line the line, without its line break
	 * @return the snapshot
	 * @throws RuntimeException when the line is not a snapshot
	 */
	Snapshot decode(String line);

}
