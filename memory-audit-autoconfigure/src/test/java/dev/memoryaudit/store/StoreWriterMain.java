package dev.memoryaudit.store;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import dev.memoryaudit.autoconfigure.JacksonSnapshotCodec;
import dev.memoryaudit.snapshot.GcMonitor;
import dev.memoryaudit.snapshot.PlatformProcessProbe;
import dev.memoryaudit.snapshot.SnapshotCapturer;

/**
 * Child JVM of {@link StoreCrashTests}: restores the store, then appends real snapshots in a tight loop, continuing
 * ids after the restored ones, until it is killed.
 */
public final class StoreWriterMain {

	private StoreWriterMain() {
	}

	public static void main(String[] args) {
		// each line goes out in two writes with a pause between them, like a slow disk, so that a kill lands
		// mid-line most times
		SnapshotStore store = new SnapshotStore(Path.of(args[0]), new JacksonSnapshotCodec(), 64 * 1024,
				Duration.ofDays(1), Clock.systemUTC(), (file, bytes) -> {
					try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND)) {
						int half = bytes.length / 2;
						channel.write(ByteBuffer.wrap(bytes, 0, half));
						Thread.sleep(3);
						channel.write(ByteBuffer.wrap(bytes, half, bytes.length - half));
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
		RestoredHistory history = store.restore();
		long id = history.snapshots().isEmpty() ? 0 : history.snapshots().get(history.snapshots().size() - 1).id();
		GcMonitor gcMonitor = GcMonitor.forPlatform();
		gcMonitor.start();
		SnapshotCapturer capturer = new SnapshotCapturer(gcMonitor, new PlatformProcessProbe(), List.of(),
				Clock.systemUTC());
		while (true) {
			store.accept(capturer.capture(++id, null));
		}
	}

}
