package dev.memoryaudit.sample.shapes;

/**
 * A listener that keeps per-order state and is registered but never removed.
 *
 * @param orderId the order it listens to
 * @param state the state it holds
 */
public record OrderListener(long orderId, byte[] state) {
}
