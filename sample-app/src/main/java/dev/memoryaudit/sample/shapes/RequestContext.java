package dev.memoryaudit.sample.shapes;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-thread request buffers that are filled on pooled threads and never removed: the thread-local leak.
 */
public final class RequestContext {

	static final ThreadLocal<List<byte[]>> BUFFERS = ThreadLocal.withInitial(ArrayList::new);

	private RequestContext() {
	}

}
