package dev.memoryaudit.sample.threads;

/**
 * State of the thread leak.
 *
 * @param running whether pools are being leaked
 * @param leakedPools pools created and never shut down
 * @param leakedThreads their threads
 */
public record ThreadLeakStatus(boolean running, int leakedPools, int leakedThreads) {

}
